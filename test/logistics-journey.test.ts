// The shopper's journey past payment, through the gateway against every real service: the order is
// paid on the sandbox page and shipped by an admin, the logistics service makes the shipment from
// the order's event, the sandbox carrier reports each step by signed webhook until delivered (the
// shopper watches the timeline), and the order completes itself after the auto-confirm period.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { createSku, orderReaches, payOnSandbox, placeOrder, shopper, startShop, type Shop } from "./checkout-shop.ts";

let shop: Shop;

before(async () => {
  // One second between the carrier's steps; the receipt confirmed two seconds after delivery.
  shop = await startShop({ SHOP_LOGISTICS_SANDBOX_STEP_SECONDS: "1", SHOP_ORDER_AUTO_CONFIRM_DAYS: String(2 / 86_400) });
});

after(async () => {
  await shop?.stack.stop();
});

void test("pay → ship → the carrier's timeline reaches delivered → the order completes itself", async () => {
  const { call, adminToken } = shop;
  const { skuId } = await createSku(shop, 3, 4200);
  const me = await shopper(call);
  assert.equal((await call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity: 1 } })).status, 200);
  const placed = await placeOrder(call, me);
  assert.equal(placed.status, 200, placed.text);
  const orderId = placed.json.id as string;
  await payOnSandbox(shop, me, orderId);
  await orderReaches(call, me, orderId, "ORDER_STATUS_PAID");
  assert.equal((await call("GET", `/api/v1/orders/${orderId}/shipment`, { token: me.access })).status, 404, "no shipment before shipping");

  const shipped = await call("POST", `/api/v1/admin/orders/${orderId}/ship`, { token: adminToken, body: { carrier: "DHL", trackingNumber: "JD0142" } });
  assert.equal(shipped.status, 200, shipped.text);

  const seen = new Set<string>();
  const delivered = await waitFor(
    "the timeline reaches delivered",
    async () => {
      const res = await call("GET", `/api/v1/orders/${orderId}/shipment`, { token: me.access });
      if (res.status !== 200) return undefined;
      seen.add(res.json.status as string);
      return res.json.status === "SHIPMENT_STATUS_DELIVERED" ? res.json : undefined;
    },
    60_000,
    100,
  );
  assert.deepEqual([delivered.carrier, delivered.trackingNumber, delivered.provider], ["DHL", "JD0142", "sandbox"]);
  assert.deepEqual(
    (delivered.timeline as { status: string }[]).map((e) => e.status.replace("SHIPMENT_STATUS_", "")),
    ["CREATED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"],
  );
  assert.ok(seen.size > 1, "the shopper watched it move");
  const admin = await call("GET", `/api/v1/admin/shipments/${orderId}`, { token: adminToken });
  assert.equal(admin.status, 200, admin.text);
  assert.equal(admin.json.status, "SHIPMENT_STATUS_DELIVERED");

  const completed = await orderReaches(call, me, orderId, "ORDER_STATUS_COMPLETED", 30_000);
  const history = completed.history as { to: string; actor: string; reason: string }[];
  assert.deepEqual(
    history.slice(-2).map((h) => [h.to, h.actor]),
    [
      ["ORDER_STATUS_SHIPPED", "system:logistics"],
      ["ORDER_STATUS_COMPLETED", "system:auto-confirm"],
    ],
  );
});
