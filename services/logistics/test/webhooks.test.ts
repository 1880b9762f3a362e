// The carrier webhook through the gateway: refused when unsigned, wrongly signed, stale or
// replayed (changing nothing); applied once per event id, only forward (a late step is kept in the
// timeline but moves nothing); DELIVERED announced once. The sandbox carrier is set far too slow
// to report anything itself here.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { assertErrorBody } from "../../gateway/test/helpers.ts";
import { eventBody, postWebhook, signWebhook, startLogisticsTest, type LogisticsTest, type Shopper } from "./helpers.ts";

interface Timeline {
  status: string;
  timeline: { status: string; description: string }[];
}

void describe("logistics: carrier webhooks", () => {
  let t: LogisticsTest;
  let me: Shopper;
  before(async () => {
    t = await startLogisticsTest({ SHOP_LOGISTICS_SANDBOX_STEP_SECONDS: "86400" });
    me = await t.shopper();
  });
  after(() => t?.close());

  async function newShipment() {
    const orderId = await t.ship(me, "DHL");
    const s = await t.shipmentOf(me, orderId);
    return { orderId, id: s.id as string, trackingNumber: s.trackingNumber as string };
  }

  const current = async (orderId: string) => (await t.call("GET", `/api/v1/orders/${orderId}/shipment`, { token: me.access })).json as unknown as Timeline;

  void it("refuses unsigned, wrongly signed, tampered, stale and replayed deliveries, changing nothing", async () => {
    const s = await newShipment();
    const before = await current(s.orderId);
    assert.equal(before.status, "SHIPMENT_STATUS_CREATED");
    const body = eventBody(s, "PICKED_UP");
    const now = Math.floor(Date.now() / 1000);
    assertErrorBody(await postWebhook(t, body), 401, "unauthenticated");
    assertErrorBody(await postWebhook(t, body, "t=1,v1=nothex"), 401, "unauthenticated");
    assertErrorBody(await postWebhook(t, body, signWebhook(body, now, "another-secret-of-some-length")), 401, "unauthenticated");
    assertErrorBody(await postWebhook(t, body.replace("PICKED_UP", "DELIVERED"), signWebhook(body)), 401, "unauthenticated");
    const stale = await postWebhook(t, body, signWebhook(body, now - 600));
    assertErrorBody(stale, 401, "unauthenticated");
    assert.equal((stale.json.details as { reason: string }).reason, "WEBHOOK_TIMESTAMP_STALE");
    assert.deepEqual(await current(s.orderId), before, "nothing changed");

    const signature = signWebhook(body);
    const ok = await postWebhook(t, body, signature);
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.json, { received: true, applied: true, duplicate: false });
    const picked = await current(s.orderId);
    assert.equal(picked.status, "SHIPMENT_STATUS_PICKED_UP");
    const replay = await postWebhook(t, body, signature);
    assertErrorBody(replay, 409, "already_exists");
    assert.equal((replay.json.details as { reason: string }).reason, "WEBHOOK_REPLAYED");
    assert.deepEqual(await current(s.orderId), picked, "the replay changed nothing");
  });

  void it("refuses malformed bodies and events for unknown shipments or carriers", async () => {
    const s = await newShipment();
    const signed = (b: string) => signWebhook(b);
    for (const bad of ["not json", eventBody(s, "LOST"), eventBody(s, "DELIVERED", { occurred_at: Math.floor(Date.now() / 1000) + 86_400 })]) {
      assertErrorBody(await postWebhook(t, bad, signed(bad)), 400, "invalid_argument");
    }
    const wrongNumber = eventBody({ ...s, trackingNumber: "NOT-IT" }, "PICKED_UP");
    assertErrorBody(await postWebhook(t, wrongNumber, signed(wrongNumber)), 404, "not_found");
    const body = eventBody(s, "PICKED_UP");
    const res = await t.call("POST", "/api/v1/logistics/webhooks/ups", { raw: body, headers: { "shop-signature": signed(body) } });
    assertErrorBody(res, 404, "not_found");
    assert.equal((await current(s.orderId)).timeline.length, 1, "only the shipment's creation");
  });

  void it("applies events once and only forward, keeps late ones in the timeline, announces DELIVERED once", async () => {
    const s = await newShipment();
    const now = Math.floor(Date.now() / 1000);
    const delivered = eventBody(s, "DELIVERED", { occurred_at: now + 60 });
    const res = await postWebhook(t, delivered, signWebhook(delivered));
    assert.deepEqual(res.json, { received: true, applied: true, duplicate: false });
    // The carrier's earlier "in transit" arrives late: recorded, moves nothing.
    const late = eventBody(s, "IN_TRANSIT", { occurred_at: now + 30 });
    assert.deepEqual((await postWebhook(t, late, signWebhook(late))).json, { received: true, applied: false, duplicate: false });
    // The same event delivered again (signed afresh, as a carrier's retry is): answered, recorded once.
    const retry = await postWebhook(t, late, signWebhook(late, now + 1));
    assert.deepEqual(retry.json, { received: true, applied: false, duplicate: true });

    const shipment = (await t.call("GET", `/api/v1/orders/${s.orderId}/shipment`, { token: me.access })).json;
    assert.equal(shipment.status, "SHIPMENT_STATUS_DELIVERED");
    assert.ok(shipment.deliveredAt);
    assert.deepEqual(
      (shipment.timeline as Timeline["timeline"]).map((e) => e.status),
      ["SHIPMENT_STATUS_CREATED", "SHIPMENT_STATUS_IN_TRANSIT", "SHIPMENT_STATUS_DELIVERED"],
    );
    const announced = await waitFor("ShipmentDelivered", () => t.delivered.find((e) => e.orderId === s.orderId));
    assert.deepEqual([announced.shipmentId, announced.userId, announced.carrier, announced.trackingNumber], [s.id, me.id, "DHL", s.trackingNumber]);
    // Another DELIVERED (a new event id) moves nothing and announces nothing more.
    const again = eventBody(s, "DELIVERED");
    assert.equal((await postWebhook(t, again, signWebhook(again))).json.applied, false);
    const outbox = await t.sql("select 1 from kit_outbox where topic = 'logistics.shipment_delivered'");
    assert.ok(outbox.length <= 1);
    assert.equal(t.delivered.filter((e) => e.orderId === s.orderId).length, 1);
  });

  void it("shows a shipment to its shopper and admins only", async () => {
    const s = await newShipment();
    const other = await t.shopper();
    assertErrorBody(await t.call("GET", `/api/v1/orders/${s.orderId}/shipment`, { token: other.access }), 404, "not_found");
    assertErrorBody(await t.call("GET", `/api/v1/orders/${s.orderId}/shipment`), 401);
    assertErrorBody(await t.call("GET", `/api/v1/admin/shipments/${s.orderId}`, { token: me.access }), 403);
    const asAdmin = await t.call("GET", `/api/v1/admin/shipments/${s.orderId}`, { token: t.adminToken });
    assert.equal(asAdmin.status, 200, asAdmin.text);
    assert.deepEqual([asAdmin.json.id, asAdmin.json.userId, asAdmin.json.carrier, asAdmin.json.provider], [s.id, me.id, "DHL", "sandbox"]);
    assertErrorBody(await t.call("GET", `/api/v1/admin/shipments/not-a-uuid`, { token: t.adminToken }), 400);
  });
});
