// An order left unpaid, against every real service: the payment timeout (short here) cancels it and
// gives the stock back, and a payment that comes after the cancel is refunded.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { createSku, orderReaches, placeOrder, shopper, startShop, stockOf, type Shop } from "./checkout-shop.ts";
import { claimCoupon, couponReaches, couponTemplate } from "./coupon-shop.ts";

let shop: Shop;

before(async () => {
  shop = await startShop({ SHOP_ORDER_PAYMENT_TIMEOUT_SECONDS: "2", SHOP_ORDER_SWEEP_SECONDS: "1" });
});

after(async () => {
  await shop?.stack.stop();
});

void test("an unpaid order cancels itself and gives its stock back; a payment after that is refunded", async () => {
  const { skuId } = await createSku(shop, 4);
  const me = await shopper(shop.call);
  assert.equal((await shop.call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity: 3 } })).status, 200);
  const placed = await placeOrder(shop.call, me, randomUUID());
  assert.equal(placed.status, 200, placed.text);
  const orderId = placed.json.id as string;
  const payment = await shop.call("POST", `/api/v1/orders/${orderId}/payments`, { token: me.access, body: {} });
  assert.equal(payment.status, 200, payment.text);

  const cancelled = await orderReaches(shop.call, me, orderId, "ORDER_STATUS_CANCELLED");
  assert.equal(cancelled.cancelReason, "not paid in time");
  await waitFor("the stock is back", async () => {
    const s = await stockOf(shop, skuId);
    return s.reserved === 0 && s.available === 4 ? s : undefined;
  });

  // The shopper pays on the provider's page anyway: the money goes back.
  const path = new URL(payment.json.checkoutUrl as string).pathname;
  const pay = await fetch(`http://127.0.0.1:${shop.stack.gateway.httpPort}${path}/pay`, { method: "POST", redirect: "manual" });
  assert.ok(pay.status < 400, `pay: ${pay.status}`);
  const refunded = await waitFor("the late payment is refunded", async () => {
    const res = await shop.call("GET", `/api/v1/payments/${payment.json.id as string}`, { token: me.access });
    return res.json.status === "PAYMENT_STATUS_REFUNDED" ? res.json : undefined;
  });
  assert.equal((refunded.refunds as unknown[]).length, 1);
  const order = await shop.call("GET", `/api/v1/orders/${orderId}`, { token: me.access });
  assert.equal(order.json.status, "ORDER_STATUS_CANCELLED", "a late payment does not revive the order");
  assert.deepEqual(await stockOf(shop, skuId), { onHand: 4, reserved: 0, available: 4 });
});

void test("an unpaid order that cancels itself gives its coupon back", async () => {
  const { skuId } = await createSku(shop, 4);
  const me = await shopper(shop.call);
  const templateId = await couponTemplate(shop, { name: "2 off", kind: "COUPON_KIND_FIXED_AMOUNT", amountOffMinor: "200" });
  const couponId = await claimCoupon(shop, me, templateId);
  assert.equal((await shop.call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity: 1 } })).status, 200);
  const placed = await placeOrder(shop.call, me, randomUUID(), { userCouponId: couponId });
  assert.equal(placed.status, 200, placed.text);
  assert.equal(placed.json.discountMinor, "200");
  await orderReaches(shop.call, me, placed.json.id as string, "ORDER_STATUS_CANCELLED");
  await couponReaches(shop, me, couponId, "USER_COUPON_STATUS_AVAILABLE");
});
