// The route table read from the descriptors, and how an HTTP request becomes an RPC request.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { Code } from "@connectrpc/connect";
import { options, services, userv1 } from "@shop/contracts";
import { HttpError } from "../src/errors.ts";
import { buildRequest, type HttpParts } from "../src/routes/request.ts";
import { buildRoutes, type Route } from "../src/routes/table.ts";

const routes = buildRoutes(services);
const route = (name: string): Route => {
  const found = routes.find((r) => r.method.name === name);
  assert.ok(found, name);
  return found;
};
const parts = (p: Partial<HttpParts>): HttpParts => ({ body: undefined, params: {}, query: {}, ...p });
const refused = (fn: () => unknown, reason: string) =>
  assert.throws(fn, (err: unknown) => err instanceof HttpError && err.reason === reason && err.code === Code.InvalidArgument);

void describe("route table", () => {
  const tableOf = (deployable: keyof typeof services) =>
    routes
      .filter((r) => (services[deployable] as readonly unknown[]).includes(r.service))
      .map((r) => `${r.verb} ${r.path} ${r.service.name}.${r.method.name} ${options.Access[r.access]}`)
      .sort();

  void test("every user-service RPC with an http rule is routed, with its verb, path and access", () => {
    const table = tableOf("user");
    assert.deepEqual(table, [
      "DELETE /api/v1/users/me/addresses/:address_id AddressService.DeleteAddress USER",
      "GET /api/v1/admin/users AdminUserService.ListUsers ADMIN",
      "GET /api/v1/auth/jwks AuthService.GetJwks PUBLIC",
      "GET /api/v1/users/me AccountService.GetMe USER",
      "GET /api/v1/users/me/addresses AddressService.ListAddresses USER",
      "GET /api/v1/users/me/addresses/:address_id AddressService.GetAddress USER",
      "PATCH /api/v1/users/me AccountService.UpdateMe USER",
      "PATCH /api/v1/users/me/addresses/:address_id AddressService.UpdateAddress USER",
      "POST /api/v1/auth/login AuthService.Login PUBLIC",
      "POST /api/v1/auth/logout AuthService.Logout PUBLIC",
      "POST /api/v1/auth/refresh AuthService.Refresh PUBLIC",
      "POST /api/v1/auth/register AuthService.Register PUBLIC",
      "POST /api/v1/users/me/addresses AddressService.CreateAddress USER",
      "POST /api/v1/users/me/addresses/:address_id/default AddressService.SetDefaultAddress USER",
      "POST /api/v1/users/me/password AccountService.ChangePassword USER",
      "PUT /api/v1/admin/users/:user_id/roles AdminUserService.SetUserRoles ADMIN",
    ]);
    assert.equal(
      route("ListUsers")
        .queryFields.map((f) => f.jsonName)
        .join(),
      "pageSize,pageToken,query",
    );
    assert.equal(route("UpdateMe").queryFields.length, 0, "body * leaves nothing to the query");
    assert.deepEqual(route("SetUserRoles").body, { kind: "all" });
  });

  void test("every order RPC with an http rule is routed: checkout and own orders for shoppers, the rest for admins", () => {
    assert.deepEqual(tableOf("order"), [
      "GET /api/v1/admin/orders AdminOrderService.ListOrders ADMIN",
      "GET /api/v1/admin/orders/:order_id AdminOrderService.GetOrder ADMIN",
      "GET /api/v1/orders OrderService.ListMyOrders USER",
      "GET /api/v1/orders/:order_id OrderService.GetMyOrder USER",
      "POST /api/v1/admin/orders/:order_id/refund AdminOrderService.RefundOrder ADMIN",
      "POST /api/v1/admin/orders/:order_id/ship AdminOrderService.ShipOrder ADMIN",
      "POST /api/v1/checkout/quote OrderService.QuoteOrder USER",
      "POST /api/v1/orders OrderService.PlaceOrder USER",
      "POST /api/v1/orders/:order_id/cancel OrderService.CancelMyOrder USER",
      "POST /api/v1/orders/:order_id/confirm-receipt OrderService.ConfirmReceipt USER",
    ]);
    assert.ok(!routes.some((r) => r.method.name === "GetPayableOrder"), "internal RPCs are never routed");
  });

  void test("no file RPC is routed from the protos: uploads and downloads are the gateway's own routes (providers/files.ts)", () => {
    assert.deepEqual(tableOf("file"), []);
  });

  void test("every inventory RPC is routed: availability for anyone, the rest for admins", () => {
    assert.deepEqual(tableOf("inventory"), [
      "GET /api/v1/admin/inventory/:sku_id InventoryService.GetStock ADMIN",
      "GET /api/v1/admin/inventory/:sku_id/movements InventoryService.ListMovements ADMIN",
      "GET /api/v1/inventory/availability InventoryService.GetAvailability PUBLIC",
      "POST /api/v1/admin/inventory/:sku_id/adjustments InventoryService.AdjustStock ADMIN",
      "PUT /api/v1/admin/inventory/:sku_id InventoryService.SetStock ADMIN",
    ]);
    assert.equal(
      route("GetAvailability")
        .queryFields.map((f) => f.jsonName)
        .join(),
      "skuIds",
    );
  });

  void test("every public cart RPC is routed: the cart for its signed-in owner, guest carts by token for anyone", () => {
    assert.deepEqual(tableOf("cart"), [
      "DELETE /api/v1/cart CartService.ClearCart USER",
      "DELETE /api/v1/cart/items/:sku_id CartService.RemoveItem USER",
      "DELETE /api/v1/guest-carts/:cart_token/items/:sku_id GuestCartService.RemoveGuestItem PUBLIC",
      "GET /api/v1/cart CartService.GetCart USER",
      "GET /api/v1/guest-carts/:cart_token GuestCartService.GetGuestCart PUBLIC",
      "PATCH /api/v1/cart/items/:sku_id CartService.UpdateItem USER",
      "PATCH /api/v1/guest-carts/:cart_token/items/:sku_id GuestCartService.UpdateGuestItem PUBLIC",
      "POST /api/v1/cart/items CartService.AddItem USER",
      "POST /api/v1/cart/merge CartService.MergeGuestCart USER",
      "POST /api/v1/cart/selection CartService.SelectItems USER",
      "POST /api/v1/guest-carts GuestCartService.CreateGuestCart PUBLIC",
      "POST /api/v1/guest-carts/:cart_token/items GuestCartService.AddGuestItem PUBLIC",
    ]);
    assert.ok(!tableOf("cart").some((r) => r.includes("GetSelectedLines")), "internal RPCs are never routed");
  });

  void test("the payment RPCs for shoppers and admins are routed; the provider service is not REST", () => {
    assert.deepEqual(tableOf("payment"), [
      "GET /api/v1/admin/orders/:order_id/payments AdminPaymentService.AdminListOrderPayments ADMIN",
      "GET /api/v1/admin/wallet/ledger-check AdminWalletService.CheckLedger ADMIN",
      "GET /api/v1/orders/:order_id/payments PaymentService.ListOrderPayments USER",
      "GET /api/v1/payments/:payment_id PaymentService.GetPayment USER",
      "GET /api/v1/wallet WalletService.GetWallet USER",
      "GET /api/v1/wallet/statement WalletService.ListWalletStatement USER",
      "GET /api/v1/wallet/top-ups/:top_up_id WalletService.GetTopUp USER",
      "POST /api/v1/orders/:order_id/payments PaymentService.CreatePayment USER",
      "POST /api/v1/wallet/top-ups WalletService.CreateTopUp USER",
    ]);
  });

  void test("every public coupon RPC is routed: claims for the signed-in shopper, templates for admins", () => {
    assert.deepEqual(tableOf("coupon"), [
      "GET /api/v1/admin/coupon-templates AdminCouponService.ListCouponTemplates ADMIN",
      "GET /api/v1/admin/coupon-templates/:template_id AdminCouponService.GetCouponTemplate ADMIN",
      "GET /api/v1/coupons CouponService.ListMyCoupons USER",
      "GET /api/v1/coupons/claimable CouponService.ListClaimableCoupons USER",
      "POST /api/v1/admin/coupon-templates AdminCouponService.CreateCouponTemplate ADMIN",
      "POST /api/v1/admin/coupon-templates/:template_id/end AdminCouponService.EndCouponTemplate ADMIN",
      "POST /api/v1/coupons/claims CouponService.ClaimCoupon USER",
    ]);
    assert.ok(!tableOf("coupon").some((r) => r.includes("CouponInternalService")), "internal RPCs are never routed");
  });

  void test("every review RPC is routed: a product's reviews for anyone, reviewing for shoppers, moderation for admins", () => {
    assert.deepEqual(tableOf("review"), [
      "GET /api/v1/admin/reviews AdminReviewService.ListReviews ADMIN",
      "GET /api/v1/products/:product_id/reviews ProductReviewService.ListProductReviews PUBLIC",
      "GET /api/v1/reviews/mine ReviewService.ListMyReviews USER",
      "GET /api/v1/reviews/reviewable ReviewService.ListReviewableLines USER",
      "POST /api/v1/admin/reviews/:review_id/hide AdminReviewService.HideReview ADMIN",
      "POST /api/v1/admin/reviews/:review_id/unhide AdminReviewService.UnhideReview ADMIN",
      "POST /api/v1/reviews ReviewService.CreateReview USER",
      "POST /api/v1/reviews/:review_id/helpful ReviewService.MarkReviewHelpful USER",
    ]);
  });

  void test("every flash sale RPC is routed: the sale pages for anyone, tokens and attempts for shoppers, scheduling for admins", () => {
    assert.deepEqual(tableOf("seckill"), [
      "GET /api/v1/admin/flash-sales AdminFlashSaleService.ListAllFlashSales ADMIN",
      "GET /api/v1/flash-sales FlashSaleService.ListFlashSales PUBLIC",
      "GET /api/v1/flash-sales/:sale_id FlashSaleService.GetFlashSale PUBLIC",
      "GET /api/v1/flash-sales/:sale_id/attempt FlashSaleService.GetMyAttempt USER",
      "POST /api/v1/admin/flash-sales AdminFlashSaleService.ScheduleFlashSale ADMIN",
      "POST /api/v1/admin/flash-sales/:sale_id/end AdminFlashSaleService.EndFlashSale ADMIN",
      "POST /api/v1/flash-sales/:sale_id/attempts FlashSaleService.AttemptPurchase USER",
      "POST /api/v1/flash-sales/:sale_id/follow FlashSaleService.FollowFlashSale USER",
      "POST /api/v1/flash-sales/:sale_id/token FlashSaleService.IssueAttemptToken USER",
      "POST /api/v1/flash-sales/:sale_id/unfollow FlashSaleService.UnfollowFlashSale USER",
    ]);
  });

  void test("every notification RPC is routed: the inbox and preferences for shoppers, the SMS sandbox for admins", () => {
    assert.deepEqual(tableOf("notification"), [
      "GET /api/v1/admin/notifications/sandbox-sms AdminNotificationService.ListSandboxSms ADMIN",
      "GET /api/v1/notifications NotificationService.ListNotifications USER",
      "GET /api/v1/notifications/preferences NotificationService.GetNotificationPreferences USER",
      "GET /api/v1/notifications/unread-count NotificationService.GetUnreadCount USER",
      "POST /api/v1/notifications/:notification_id/read NotificationService.MarkNotificationRead USER",
      "POST /api/v1/notifications/read-all NotificationService.MarkAllNotificationsRead USER",
      "PUT /api/v1/notifications/preferences NotificationService.UpdateNotificationPreferences USER",
    ]);
  });

  void test("the shipment reads are routed, the shopper's own and any for admins; the carrier webhook service is not REST", () => {
    assert.deepEqual(tableOf("logistics"), [
      "GET /api/v1/admin/shipments/:order_id AdminShipmentService.AdminGetShipment ADMIN",
      "GET /api/v1/orders/:order_id/shipment ShipmentService.GetMyShipment USER",
    ]);
  });

  void test("a proto mistake stops the gateway instead of being skipped", () => {
    // A deployable table naming an RPC twice claims the same routes twice.
    assert.throws(() => buildRoutes({ a: [userv1.AccountService], b: [userv1.AccountService] }), /both claim GET \/api\/v1\/users\/me/);
  });
});

void describe("request building", () => {
  void test("body, path and query make one message", () => {
    const id = randomUUID();
    const msg = buildRequest(route("UpdateAddress"), parts({ body: { city: "York" }, params: { address_id: id } })) as userv1.UpdateAddressRequest;
    assert.equal(msg.addressId, id);
    assert.equal(msg.city, "York");
    assert.equal(msg.line1, undefined, "unset optional fields stay unset");
    const list = buildRequest(route("ListUsers"), parts({ query: { page_size: "7", query: "ad" } })) as userv1.ListUsersRequest;
    assert.equal(list.pageSize, 7);
    assert.equal(list.query, "ad");
  });

  void test("a body field agreeing with the path is fine; disagreeing is refused", () => {
    const id = randomUUID();
    const ok = buildRequest(route("UpdateAddress"), parts({ body: { addressId: id, city: "x" }, params: { address_id: id } })) as userv1.UpdateAddressRequest;
    assert.equal(ok.addressId, id);
    refused(() => buildRequest(route("UpdateAddress"), parts({ body: { addressId: randomUUID() }, params: { address_id: id } })), "PATH_BODY_MISMATCH");
    refused(() => buildRequest(route("UpdateAddress"), parts({ body: { address_id: randomUUID() }, params: { address_id: id } })), "PATH_BODY_MISMATCH");
  });

  void test("unknown fields, unknown or repeated query parameters and stray bodies are refused", () => {
    refused(() => buildRequest(route("UpdateMe"), parts({ body: { roles: ["ROLE_ADMIN"] } })), "INVALID_FIELD");
    refused(() => buildRequest(route("UpdateMe"), parts({ body: { id: "x" } })), "INVALID_FIELD");
    refused(() => buildRequest(route("UpdateMe"), parts({ body: [] })), "BODY_NOT_OBJECT");
    refused(() => buildRequest(route("GetMe"), parts({ query: { debug: "1" } })), "UNKNOWN_QUERY_PARAMETER");
    refused(() => buildRequest(route("ListUsers"), parts({ query: { pageSize: ["1", "2"] } })), "DUPLICATE_QUERY_PARAMETER");
    refused(() => buildRequest(route("ListUsers"), parts({ query: { pageSize: "1", page_size: "2" } })), "DUPLICATE_QUERY_PARAMETER");
    refused(() => buildRequest(route("ListUsers"), parts({ query: { pageSize: "many" } })), "INVALID_FIELD");
    refused(() => buildRequest(route("SetDefaultAddress"), parts({ body: { isDefault: true }, params: { address_id: randomUUID() } })), "BODY_NOT_ALLOWED");
    refused(() => buildRequest(route("UpdateMe"), parts({ body: { displayName: "a\u0000" } })), "NUL_CHARACTER");
  });

  void test("a decode error names the offending field", () => {
    try {
      buildRequest(route("UpdateMe"), parts({ body: { displayName: 5 } }));
      assert.fail("accepted");
    } catch (err) {
      assert.ok(err instanceof HttpError);
      assert.deepEqual(
        err.options.violations?.map((v) => v.field),
        ["displayName"],
      );
    }
  });
});
