// Coupons through the whole shop: an admin's templates, a shopper's claims, the quote proposing the
// best coupon, the order locking it and spreading its discount over the lines, payment using it,
// and a cancel giving it back for the next order.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { createSku, orderReaches, payOnSandbox, placeOrder, shopper, startShop, type Shop } from "./checkout-shop.ts";
import { claimCoupon, couponReaches, couponStatus, couponTemplate } from "./coupon-shop.ts";

let shop: Shop;

before(async () => {
  shop = await startShop();
});

after(async () => {
  await shop?.stack.stop();
});

void test("the quote proposes the best coupon; the order spreads its discount over the lines; paying uses it", async () => {
  const teapot = await createSku(shop, 10, 2500);
  const cup = await createSku(shop, 10, 1000);
  const fixed = await couponTemplate(shop, { name: "3 off", kind: "COUPON_KIND_FIXED_AMOUNT", amountOffMinor: "300" });
  const percent = await couponTemplate(shop, { name: "20% off, at most 8", kind: "COUPON_KIND_PERCENT_OFF", percentOff: 20, maxDiscountMinor: "800" });
  const threshold = await couponTemplate(shop, { name: "10 off 100", kind: "COUPON_KIND_THRESHOLD", amountOffMinor: "1000", minSpendMinor: "10000" });
  const me = await shopper(shop.call);
  const fixedId = await claimCoupon(shop, me, fixed);
  const percentId = await claimCoupon(shop, me, percent);
  const thresholdId = await claimCoupon(shop, me, threshold);
  for (const { skuId, quantity } of [
    { skuId: teapot.skuId, quantity: 1 },
    { skuId: cup.skuId, quantity: 2 },
  ])
    assert.equal((await shop.call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity } })).status, 200);

  // 2500 + 2 × 1000 = 4500: 20% is 900, capped at 800, beats 300 off; 10 off 100 does not apply yet.
  const quote = await shop.call("POST", "/api/v1/checkout/quote", { token: me.access, body: {} });
  assert.equal(quote.status, 200, quote.text);
  assert.equal(quote.json.subtotalMinor, "4500");
  assert.equal(quote.json.bestUserCouponId, percentId);
  assert.equal(quote.json.appliedUserCouponId, percentId);
  assert.equal(quote.json.discountMinor, "800");
  const options = quote.json.coupons as { userCouponId: string; applicable?: boolean; reason?: string; discountMinor: string }[];
  assert.deepEqual(
    options.map((o) => [o.userCouponId, Boolean(o.applicable), o.reason ?? ""]),
    [
      [percentId, true, ""],
      [fixedId, true, ""],
      [thresholdId, false, "MIN_SPEND_NOT_MET"],
    ],
  );
  const chosen = await shop.call("POST", "/api/v1/checkout/quote", { token: me.access, body: { userCouponId: fixedId } });
  assert.equal(chosen.json.discountMinor, "300", chosen.text);
  const refused = await shop.call("POST", "/api/v1/checkout/quote", { token: me.access, body: { userCouponId: thresholdId } });
  assert.equal(refused.status, 400, refused.text);
  assert.equal((refused.json.details as { reason: string }).reason, "COUPON_NOT_APPLICABLE");

  const placed = await placeOrder(shop.call, me, undefined, { userCouponId: percentId });
  assert.equal(placed.status, 200, placed.text);
  const order = placed.json as {
    id: string;
    discountMinor: string;
    subtotalMinor: string;
    shippingFeeMinor?: string;
    totalMinor: string;
    userCouponId: string;
    lines: { skuId: string; discountMinor?: string }[];
  };
  assert.equal(order.userCouponId, percentId);
  assert.equal(order.discountMinor, "800");
  assert.equal(Number(order.totalMinor), 4500 + Number(order.shippingFeeMinor ?? 0) - 800);
  const shares = Object.fromEntries(order.lines.map((l) => [l.skuId, Number(l.discountMinor ?? 0)]));
  assert.equal(shares[teapot.skuId]! + shares[cup.skuId]!, 800, "the shares add up to the discount");
  assert.deepEqual(shares, { [teapot.skuId]: 444, [cup.skuId]: 356 }, "in proportion to 2500 : 2000");
  assert.equal(await couponStatus(shop, me, percentId), "USER_COUPON_STATUS_LOCKED");

  // A second order cannot take the locked coupon.
  await waitFor(
    "the ordered lines leave the cart",
    async () => ((await shop.call("GET", "/api/v1/cart", { token: me.access })).json.lines as unknown[]).length === 0 || undefined,
  );
  assert.equal((await shop.call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId: cup.skuId, quantity: 1 } })).status, 200);
  const again = await placeOrder(shop.call, me, undefined, { userCouponId: percentId });
  assert.equal(again.status, 400, again.text);
  assert.equal((again.json.details as { reason: string }).reason, "COUPON_NOT_AVAILABLE");

  await payOnSandbox(shop, me, order.id);
  await orderReaches(shop.call, me, order.id, "ORDER_STATUS_PAID");
  await couponReaches(shop, me, percentId, "USER_COUPON_STATUS_USED");
  const admin = await shop.call("GET", `/api/v1/admin/coupon-templates/${percent}`, { token: shop.adminToken });
  assert.equal(admin.json.claimedCount, 1);
  assert.equal(admin.json.usedCount, 1);
});

void test("a cancelled order gives its coupon back, and the next order can use it", async () => {
  const { skuId } = await createSku(shop, 10, 2000);
  const fixed = await couponTemplate(shop, { name: "5 off", kind: "COUPON_KIND_FIXED_AMOUNT", amountOffMinor: "500" });
  const me = await shopper(shop.call);
  const couponId = await claimCoupon(shop, me, fixed);
  assert.equal((await shop.call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity: 1 } })).status, 200);
  const first = await placeOrder(shop.call, me, undefined, { userCouponId: couponId });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.discountMinor, "500");
  const cancelled = await shop.call("POST", `/api/v1/orders/${first.json.id as string}/cancel`, { token: me.access, body: {} });
  assert.equal(cancelled.status, 200, cancelled.text);
  await couponReaches(shop, me, couponId, "USER_COUPON_STATUS_AVAILABLE");
  await waitFor(
    "the ordered line leaves the cart",
    async () => ((await shop.call("GET", "/api/v1/cart", { token: me.access })).json.lines as unknown[]).length === 0 || undefined,
  );
  assert.equal((await shop.call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity: 1 } })).status, 200);
  const second = await placeOrder(shop.call, me, undefined, { userCouponId: couponId });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.json.discountMinor, "500");
  assert.equal(await couponStatus(shop, me, couponId), "USER_COUPON_STATUS_LOCKED");
});
