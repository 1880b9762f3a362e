// Every committed change announces itself on the bus (through the outbox): StockChanged with the
// new levels. A refused change announces nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fromBinary } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import type { Bus, Delivery } from "@shop/kit/bus/port";
import { createLogger } from "@shop/kit/log";
import { postgresUrl } from "@shop/testkit/servers";
import { v7 } from "uuid";
import { rejectsWith, startInventory, type InventoryTest } from "./helpers.ts";

void describe("inventory: StockChanged events", () => {
  let t: InventoryTest;
  let bus: Bus;
  const received: Delivery[] = [];
  before(async () => {
    t = await startInventory();
    bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${t.prefix}bus`, logger: createLogger("test", "silent") });
    await bus.subscribe("inventory-test", ["inventory.stock_changed"], (d) => Promise.resolve(void received.push(d)));
  });
  after(async () => {
    await bus?.close();
    await t?.close();
  });

  const eventsOf = (sku: string) =>
    received.map((d) => ({ type: d.type, event: fromBinary(inventoryv1.StockChangedSchema, d.payload) })).filter((e) => e.event.skuId === sku);

  async function waitFor(sku: string, count: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (eventsOf(sku).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }

  void it("publishes the new levels after each committed change, and nothing for a refused one", async () => {
    const sku = v7();
    await t.client.setStock({ skuId: sku, onHand: 8, reason: "stock take" }, t.asAdmin);
    await t.client.adjustStock({ skuId: sku, delta: -3, reason: "write-off" }, t.asAdmin);
    await rejectsWith(t.client.adjustStock({ skuId: sku, delta: -100, reason: "write-off" }, t.asAdmin), Code.FailedPrecondition, "INSUFFICIENT_STOCK");
    await t.client.setStock({ skuId: sku, onHand: 5, reason: "recount" }, t.asAdmin); // unchanged: no event
    await waitFor(sku, 2);
    await new Promise((r) => setTimeout(r, 1000)); // time for any stray event to arrive
    const events = eventsOf(sku);
    assert.ok(events.every((e) => e.type === "shop.inventory.v1.StockChanged"));
    assert.deepEqual(
      events.map(({ event: e }) => [e.onHand, e.reserved, e.available]).sort((a, b) => b[0]! - a[0]!),
      [
        [8, 0, 8],
        [5, 0, 5],
      ],
    );
  });
});
