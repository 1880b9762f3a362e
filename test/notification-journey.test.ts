// The shopper's inbox through the gateway, against every real service: an order paid on the
// sandbox page becomes a "paid" message (unread count 1), marked read; shipped by an admin, a
// "shipped" one, in the language the shopper chose. What a stranger and bad input get.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { assertErrorBody } from "../services/gateway/test/helpers.ts";
import { createSku, orderReaches, payOnSandbox, placeOrder, shopper, startShop, type Shop } from "./checkout-shop.ts";

let shop: Shop;

before(async () => {
  shop = await startShop();
});

after(async () => {
  await shop?.stack.stop();
});

interface Message {
  id: string;
  type: string;
  title: string;
  body: string;
  subjectId: string;
  read?: boolean;
}

void test("pay an order → the inbox shows it paid, unread 1 → mark read → shipped, in the chosen language", async () => {
  const { call, adminToken } = shop;
  const { skuId } = await createSku(shop, 5, 2500);
  const me = await shopper(call);
  const inbox = async () => ((await call("GET", "/api/v1/notifications", { token: me.access })).json.notifications ?? []) as Message[];
  const unread = async () => (await call("GET", "/api/v1/notifications/unread-count", { token: me.access })).json.unread ?? 0;

  assert.deepEqual(await inbox(), [], "an empty inbox");
  assert.equal(await unread(), 0);
  assert.equal((await call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity: 1 } })).status, 200);
  const placed = await placeOrder(call, me);
  assert.equal(placed.status, 200, placed.text);
  const order = placed.json as { id: string; number: string };
  await payOnSandbox(shop, me, order.id);
  await orderReaches(call, me, order.id, "ORDER_STATUS_PAID");

  const [paid] = await waitFor("the paid message", async () => ((await inbox()).length ? inbox() : undefined));
  assert.equal(paid!.type, "NOTIFICATION_TYPE_ORDER_PAID");
  assert.equal(paid!.title, "Payment received");
  assert.ok(paid!.body.includes(order.number), paid!.body);
  assert.equal(paid!.subjectId, order.id);
  assert.equal(await unread(), 1);

  const read = await call("POST", `/api/v1/notifications/${paid!.id}/read`, { token: me.access, body: {}, headers: { "idempotency-key": randomUUID() } });
  assert.equal(read.status, 200, read.text);
  assert.equal(read.json.read, true);
  assert.equal(await unread(), 0);

  const prefs = await call("PUT", "/api/v1/notifications/preferences", {
    token: me.access,
    body: { language: "zh", optedOut: [], emailEnabled: false, smsEnabled: false },
    headers: { "idempotency-key": randomUUID() },
  });
  assert.equal(prefs.status, 200, prefs.text);
  assert.equal(prefs.json.language, "zh");
  const shipped = await call("POST", `/api/v1/admin/orders/${order.id}/ship`, { token: adminToken, body: { carrier: "DHL", trackingNumber: "JD0142" } });
  assert.equal(shipped.status, 200, shipped.text);
  const [latest] = await waitFor("the shipped message", async () => ((await inbox()).length === 2 ? inbox() : undefined));
  assert.equal(latest!.type, "NOTIFICATION_TYPE_ORDER_SHIPPED");
  assert.equal(latest!.title, "订单已发货");
  assert.equal(await unread(), 1);
  const all = await call("POST", "/api/v1/notifications/read-all", { token: me.access, body: {} });
  assert.equal(all.status, 200, all.text);
  assert.equal(all.json.marked, 1);

  // A stranger cannot mark it, nor read anyone's inbox without signing in; bad input is a 400.
  const other = await shopper(call);
  assertErrorBody(await call("POST", `/api/v1/notifications/${paid!.id}/read`, { token: other.access, body: {} }), 404);
  assert.equal((await call("GET", "/api/v1/notifications")).status, 401);
  assertErrorBody(await call("POST", "/api/v1/notifications/not-an-id/read", { token: me.access, body: {} }), 400);
  assertErrorBody(await call("PUT", "/api/v1/notifications/preferences", { token: me.access, body: { language: "xx" } }), 400);
  assertErrorBody(await call("PUT", "/api/v1/notifications/preferences", { token: me.access, body: { language: "en", userId: other.id } }), 400);
  assert.equal((await call("GET", "/api/v1/notifications/preferences", { token: me.access })).json.language, "zh", "nothing changed");
});
