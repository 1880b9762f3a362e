// A paid order refunded by an admin before shipping, against every real service: the order is
// cancelled, the payment refunded, and the stock committed for it goes back on hand (the goods
// never left the warehouse), with the inventory's invariant intact.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { inventoryInvariant } from "./checkout-invariant.ts";
import { createSku, orderReaches, placeOrder, shopper, startShop, stockOf, type Shop } from "./checkout-shop.ts";

let shop: Shop;

before(async () => {
  shop = await startShop();
});

after(async () => {
  await shop?.stack.stop();
});

void test("an admin refunds a paid order before shipping: cancelled, payment refunded, stock back on hand", async () => {
  const { call, adminToken } = shop;
  const { skuId } = await createSku(shop, 5);
  const me = await shopper(call);
  assert.equal((await call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity: 2 } })).status, 200);
  const placed = await placeOrder(call, me);
  assert.equal(placed.status, 200, placed.text);
  const orderId = placed.json.id as string;

  const payment = await call("POST", `/api/v1/orders/${orderId}/payments`, { token: me.access, body: {} });
  assert.equal(payment.status, 200, payment.text);
  const path = new URL(payment.json.checkoutUrl as string).pathname;
  const pay = await fetch(`http://127.0.0.1:${shop.stack.gateway.httpPort}${path}/pay`, { method: "POST", redirect: "manual" });
  assert.ok(pay.status < 400, `pay: ${pay.status} ${await pay.text()}`);
  await orderReaches(call, me, orderId, "ORDER_STATUS_PAID");
  await waitFor("the reservation is committed", async () => {
    const s = await stockOf(shop, skuId);
    return s.onHand === 3 && s.reserved === 0 ? s : undefined;
  });

  const refund = await call("POST", `/api/v1/admin/orders/${orderId}/refund`, { token: adminToken, body: { reason: "damaged in the warehouse" } });
  assert.equal(refund.status, 200, refund.text);
  assert.equal(refund.json.status, "ORDER_STATUS_CANCELLED");

  const refunded = await waitFor("the order's refund is done", async () => {
    const res = await call("GET", `/api/v1/orders/${orderId}`, { token: me.access });
    return res.json.refundStatus === "REFUND_STATUS_REFUNDED" ? res.json : undefined;
  });
  assert.deepEqual([refunded.status, refunded.cancelReason], ["ORDER_STATUS_CANCELLED", "damaged in the warehouse"]);
  await waitFor("the payment is refunded", async () => {
    const res = await call("GET", `/api/v1/payments/${payment.json.id as string}`, { token: me.access });
    return res.json.status === "PAYMENT_STATUS_REFUNDED" ? res.json : undefined;
  });
  await waitFor("the stock is back on hand", async () => {
    const s = await stockOf(shop, skuId);
    return s.onHand === 5 && s.reserved === 0 ? s : undefined;
  });
  assert.deepEqual(await stockOf(shop, skuId), { onHand: 5, reserved: 0, available: 5 });
  assert.deepEqual(await inventoryInvariant(shop.stack.dbPrefix), []);
});
