// The sandbox carrier: a shipped order's steps reported on schedule as signed webhooks through the
// gateway, the timeline reaching DELIVERED in order and the delivery announced; the schedule is in
// the database, so a logistics service restarted midway still reports every step.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { startLogisticsTest, type LogisticsTest } from "./helpers.ts";

const steps = ["CREATED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"].map((s) => `SHIPMENT_STATUS_${s}`);

void describe("logistics: the sandbox carrier", () => {
  let t: LogisticsTest;
  before(async () => {
    t = await startLogisticsTest({ SHOP_LOGISTICS_SANDBOX_STEP_SECONDS: "1" });
  });
  after(() => t?.close());

  const deliveredShipment = (access: string, orderId: string) =>
    waitFor(
      "delivered",
      async () => {
        const res = await t.call("GET", `/api/v1/orders/${orderId}/shipment`, { token: access });
        return res.json.status === "SHIPMENT_STATUS_DELIVERED" ? res.json : undefined;
      },
      30_000,
      100,
    );

  void it("reports every step in order until delivered, and the delivery is announced", async () => {
    const me = await t.shopper();
    const orderId = await t.ship(me, "SF Express", "SF1234567890");
    const created = await t.shipmentOf(me, orderId);
    assert.deepEqual([created.carrier, created.trackingNumber, created.provider], ["SF Express", "SF1234567890", "sandbox"]);
    const shipment = await deliveredShipment(me.access, orderId);
    const timeline = shipment.timeline as { status: string; location: string; occurredAt: string }[];
    assert.deepEqual(
      timeline.map((e) => e.status),
      steps,
    );
    assert.ok(timeline.every((e) => e.occurredAt));
    assert.equal(shipment.deliveredAt, timeline.at(-1)!.occurredAt);
    const announced = await waitFor("ShipmentDelivered", () => t.delivered.find((e) => e.orderId === orderId));
    assert.deepEqual([announced.userId, announced.trackingNumber], [me.id, "SF1234567890"]);
    const scheduled = await t.sql<{ done: boolean }>("select done_at is not null as done from sandbox_carrier_events where shipment_id = $1", [shipment.id]);
    assert.deepEqual(
      scheduled.map((r) => r.done),
      [true, true, true, true],
    );
  });

  void it("keeps its schedule across a restart of the logistics service", async () => {
    const me = await t.shopper();
    const orderId = await t.ship(me);
    const created = await t.shipmentOf(me, orderId);
    await t.restartLogistics();
    const shipment = await deliveredShipment(me.access, orderId);
    assert.equal(shipment.id, created.id);
    assert.deepEqual(
      (shipment.timeline as { status: string }[]).map((e) => e.status),
      steps,
    );
  });
});
