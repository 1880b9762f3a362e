// The shopper's whole journey through the gateway, against every real service: a guest cart, sign
// in and merge, quote, order, pay on the sandbox page, PAID with the stock committed, shipped by an
// admin, receipt confirmed. And what must stay private: another shopper's cart, orders and payments.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { createSku, orderReaches, placeOrder, shopper, startShop, stockOf, type Shop } from "./checkout-shop.ts";

let shop: Shop;

before(async () => {
  shop = await startShop();
});

after(async () => {
  await shop?.stack.stop();
});

void test("guest cart → sign in → merge → quote → order → sandbox payment → PAID → shipped → completed", async () => {
  const { call, adminToken } = shop;
  const { productId, skuId } = await createSku(shop, 5, 2500);

  const guest = await call("POST", "/api/v1/guest-carts", { body: {} });
  assert.equal(guest.status, 200, guest.text);
  const cartToken = guest.json.cartToken as string;
  const added = await call("POST", `/api/v1/guest-carts/${cartToken}/items`, { body: { skuId, quantity: 2 } });
  assert.equal(added.status, 200, added.text);

  const me = await shopper(call);
  const merged = await call("POST", "/api/v1/cart/merge", { token: me.access, body: { cartToken } });
  assert.equal(merged.status, 200, merged.text);
  const cart = merged.json.cart as { lines: { skuId: string; quantity: number; selected: boolean; title: string }[] };
  assert.deepEqual(
    cart.lines.map((l) => [l.skuId, l.quantity, l.selected]),
    [[skuId, 2, true]],
  );
  assert.equal((await call("GET", `/api/v1/guest-carts/${cartToken}`)).status, 404, "the guest cart is gone once merged");

  const quote = await call("POST", "/api/v1/checkout/quote", { token: me.access, body: {} });
  assert.equal(quote.status, 200, quote.text);
  assert.equal(quote.json.subtotalMinor, "5000");
  assert.equal(quote.json.currency, "EUR");

  const placed = await placeOrder(call, me);
  assert.equal(placed.status, 200, placed.text);
  const order = placed.json as { id: string; number: string; status: string; totalMinor: string; lines: { title: string; unitPriceMinor: string }[] };
  assert.equal(order.status, "ORDER_STATUS_AWAITING_PAYMENT");
  assert.match(order.number, /^\d{8}-\d+$/);
  assert.equal(order.lines[0]!.unitPriceMinor, "2500");
  assert.deepEqual(await stockOf(shop, skuId), { onHand: 5, reserved: 2, available: 3 });
  await waitFor("the ordered line leaves the cart", async () => {
    const res = await call("GET", "/api/v1/cart", { token: me.access });
    return (res.json.lines as unknown[]).length === 0;
  });

  const payment = await call("POST", `/api/v1/orders/${order.id}/payments`, { token: me.access, body: {} });
  assert.equal(payment.status, 200, payment.text);
  assert.equal(payment.json.amountMinor, order.totalMinor);
  const checkoutUrl = new URL(payment.json.checkoutUrl as string);
  const page = await call("GET", checkoutUrl.pathname);
  assert.equal(page.status, 200, page.text);
  assert.match(page.headers.get("content-type") ?? "", /text\/html/);
  assert.ok(page.text.includes(order.number), "the sandbox page names the order");
  const pay = await fetch(`http://127.0.0.1:${shop.stack.gateway.httpPort}${checkoutUrl.pathname}/pay`, { method: "POST", redirect: "manual" });
  assert.ok(pay.status < 400, `pay: ${pay.status} ${await pay.text()}`);

  const paid = await orderReaches(call, me, order.id, "ORDER_STATUS_PAID");
  assert.ok(paid.paidAt, "paid_at is set");
  await waitFor("the reservation is committed", async () => {
    const s = await stockOf(shop, skuId);
    return s.onHand === 3 && s.reserved === 0 ? s : undefined;
  });
  await waitFor("the sale is counted", async () => {
    const res = await call("GET", `/api/v1/products/${productId}`);
    return Number(res.json.salesCount) === 2 ? res : undefined;
  });

  const shipped = await call("POST", `/api/v1/admin/orders/${order.id}/ship`, { token: adminToken, body: { carrier: "DHL", trackingNumber: "JD0142" } });
  assert.equal(shipped.status, 200, shipped.text);
  assert.equal(shipped.json.status, "ORDER_STATUS_SHIPPED");
  const done = await call("POST", `/api/v1/orders/${order.id}/confirm-receipt`, { token: me.access, body: {} });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.status, "ORDER_STATUS_COMPLETED");

  const detail = await call("GET", `/api/v1/admin/orders/${order.id}`, { token: adminToken });
  const steps = (detail.json.history as { to: string; actor: string }[]).map((h) => h.to).filter((to) => to !== "ORDER_STATUS_PENDING");
  assert.deepEqual(steps, ["ORDER_STATUS_AWAITING_PAYMENT", "ORDER_STATUS_PAID", "ORDER_STATUS_SHIPPED", "ORDER_STATUS_COMPLETED"]);

  // Another shopper sees none of it.
  const other = await shopper(call);
  assert.equal((await call("GET", `/api/v1/orders/${order.id}`, { token: other.access })).status, 404);
  assert.equal((await call("GET", `/api/v1/payments/${payment.json.id as string}`, { token: other.access })).status, 404);
  assert.deepEqual((await call("GET", `/api/v1/orders/${order.id}/payments`, { token: other.access })).json.payments, [], "none of them are mine");
  assert.equal((await call("POST", `/api/v1/orders/${order.id}/payments`, { token: other.access, body: {} })).status, 404);
  assert.equal((await call("POST", `/api/v1/orders/${order.id}/cancel`, { token: other.access, body: {} })).status, 404);
  const othersCart = await call("GET", "/api/v1/cart", { token: other.access });
  assert.deepEqual(othersCart.json.lines, []);
});

void test("placing an order again with the same Idempotency-Key returns the same order", async () => {
  const { call } = shop;
  const { skuId } = await createSku(shop, 5);
  const me = await shopper(call);
  assert.equal((await call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity: 1 } })).status, 200);
  const first = await placeOrder(call, me, "order-key-1");
  const again = await placeOrder(call, me, "order-key-1");
  assert.equal(first.status, 200, first.text);
  assert.equal(again.json.id, first.json.id);
  assert.deepEqual(await stockOf(shop, skuId), { onHand: 5, reserved: 1, available: 4 });
  const missing = await call("POST", "/api/v1/orders", { token: me.access, body: { addressId: me.addressId } });
  assert.equal(missing.status, 400, missing.text);
});
