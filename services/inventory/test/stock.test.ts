// Setting and adjusting stock, the movements they leave, batch availability, and the database
// constraints that keep available from going negative.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";
import { v7 } from "uuid";
import { rejectsWith, startInventory, type InventoryTest } from "./helpers.ts";

void describe("inventory: stock", () => {
  let t: InventoryTest;
  before(async () => (t = await startInventory()));
  after(async () => t?.close());

  void it("sets and adjusts on hand, recording each change with its reason and the admin", async () => {
    const sku = v7();
    const unknown = await t.client.getStock({ skuId: sku }, t.asAdmin);
    assert.deepEqual([unknown.onHand, unknown.reserved, unknown.available, unknown.updatedAt], [0, 0, 0, undefined]);
    const set = await t.client.setStock({ skuId: sku, onHand: 12, reason: "stock take" }, t.asAdmin);
    assert.deepEqual([set.skuId, set.onHand, set.reserved, set.available], [sku, 12, 0, 12]);
    assert.ok(set.updatedAt);
    const delivered = await t.client.adjustStock({ skuId: sku, delta: 5, reason: "delivery" }, t.asAdmin);
    assert.equal(delivered.onHand, 17);
    const written = await t.client.adjustStock({ skuId: sku, delta: -3, reason: "damaged" }, t.asAdmin);
    assert.deepEqual([written.onHand, written.available], [14, 14]);
    const again = await t.client.setStock({ skuId: sku, onHand: 14, reason: "recount" }, t.asAdmin);
    assert.equal(again.onHand, 14, "setting the count it has changes nothing");
    const lowered = await t.client.setStock({ skuId: sku, onHand: 4, reason: "stock take" }, t.asAdmin);
    assert.equal(lowered.onHand, 4);
    assert.equal((await t.client.getStock({ skuId: sku }, t.asAdmin)).onHand, 4);

    const { movements } = await t.client.listMovements({ skuId: sku }, t.asAdmin);
    assert.deepEqual(
      movements.map((m) => [m.onHandDelta, m.reservedDelta, m.reason, m.actor]),
      [
        [-10, 0, "stock take", t.adminId],
        [-3, 0, "damaged", t.adminId],
        [5, 0, "delivery", t.adminId],
        [12, 0, "stock take", t.adminId],
      ],
      "newest first; the recount that changed nothing left no movement",
    );
    assert.ok(movements.every((m) => m.skuId === sku && m.createdAt && m.id));
  });

  void it("applies an adjustment retried with the same Idempotency-Key once", async () => {
    const sku = v7();
    const opts = { headers: { ...(t.asAdmin.headers as Record<string, string>), "idempotency-key": `delivery-${sku}` } };
    const first = await t.client.adjustStock({ skuId: sku, delta: 4, reason: "delivery" }, opts);
    const retried = await t.client.adjustStock({ skuId: sku, delta: 4, reason: "delivery" }, opts);
    assert.deepEqual([first.onHand, retried.onHand], [4, 4]);
    assert.equal((await t.client.getStock({ skuId: sku }, t.asAdmin)).onHand, 4);
    assert.equal((await t.client.listMovements({ skuId: sku }, t.asAdmin)).movements.length, 1);
  });

  void it("adjusts a SKU it has never seen: a delivery creates it, a write-off is refused", async () => {
    const sku = v7();
    await rejectsWith(t.client.adjustStock({ skuId: sku, delta: -1, reason: "lost" }, t.asAdmin), Code.FailedPrecondition, "INSUFFICIENT_STOCK");
    assert.equal((await t.client.adjustStock({ skuId: sku, delta: 7, reason: "delivery" }, t.asAdmin)).onHand, 7);
  });

  void it("refuses a change that would make available negative, and leaves stock and movements as they were", async () => {
    const sku = v7();
    await t.client.setStock({ skuId: sku, onHand: 5, reason: "stock take" }, t.asAdmin);
    const err = await rejectsWith(
      t.client.adjustStock({ skuId: sku, delta: -6, reason: "write-off" }, t.asAdmin),
      Code.FailedPrecondition,
      "INSUFFICIENT_STOCK",
    );
    assert.deepEqual(errorDetailOf(err)?.metadata, { skuId: sku, available: "5" });
    // Reservations come with checkout; until then the database is where some can exist.
    await t.sql("update stock set reserved = 3 where sku_id = $1", [sku]);
    await rejectsWith(t.client.setStock({ skuId: sku, onHand: 2, reason: "stock take" }, t.asAdmin), Code.FailedPrecondition, "INSUFFICIENT_STOCK");
    await rejectsWith(t.client.adjustStock({ skuId: sku, delta: -3, reason: "write-off" }, t.asAdmin), Code.FailedPrecondition, "INSUFFICIENT_STOCK");
    const ok = await t.client.adjustStock({ skuId: sku, delta: -2, reason: "write-off" }, t.asAdmin);
    assert.deepEqual([ok.onHand, ok.reserved, ok.available], [3, 3, 0]);
    const { movements } = await t.client.listMovements({ skuId: sku }, t.asAdmin);
    assert.deepEqual(
      movements.map((m) => m.onHandDelta),
      [-2, 5],
    );
  });

  void it("keeps the rules in the database itself, whatever writes to it", async () => {
    const sku = v7();
    await t.client.setStock({ skuId: sku, onHand: 2, reason: "stock take" }, t.asAdmin);
    for (const change of ["on_hand = -1", "reserved = -1", "reserved = 3", "on_hand = 1000000001"]) {
      await assert.rejects(t.sql(`update stock set ${change} where sku_id = $1`, [sku]), (e: { code?: string }) => e.code === "23514", change);
    }
  });

  void it("refuses to go past the largest count", async () => {
    const sku = v7();
    await t.client.setStock({ skuId: sku, onHand: 1, reason: "stock take" }, t.asAdmin);
    await t.sql("update stock set on_hand = 1000000000 where sku_id = $1", [sku]);
    await rejectsWith(t.client.adjustStock({ skuId: sku, delta: 1, reason: "delivery" }, t.asAdmin), Code.FailedPrecondition, "STOCK_LIMIT_EXCEEDED");
  });

  void it("reads the availability of many SKUs in one call, unknown ones as 0, in the order asked", async () => {
    const skus = Array.from({ length: 200 }, () => v7());
    await t.client.setStock({ skuId: skus[3]!, onHand: 9, reason: "stock take" }, t.asAdmin);
    await t.client.setStock({ skuId: skus[150]!, onHand: 4, reason: "stock take" }, t.asAdmin);
    await t.sql("update stock set reserved = 1 where sku_id = $1", [skus[150]]);
    const { levels } = await t.client.getAvailability({ skuIds: skus }); // public: no token
    assert.deepEqual(
      levels.map((l) => l.skuId),
      skus,
    );
    assert.equal(levels[3]!.available, 9);
    assert.equal(levels[150]!.available, 3);
    assert.equal(levels.filter((l) => l.available === 0).length, 198);
  });

  void it("pages through movements, newest first", async () => {
    const sku = v7();
    for (let i = 1; i <= 5; i++) await t.client.adjustStock({ skuId: sku, delta: i, reason: `delivery ${i}` }, t.asAdmin);
    const seen: string[] = [];
    let pageToken = "";
    let pages = 0;
    do {
      const page = await t.client.listMovements({ skuId: sku, pageSize: 2, pageToken }, t.asAdmin);
      seen.push(...page.movements.map((m) => m.reason));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    assert.equal(pages, 3);
    assert.deepEqual(seen, ["delivery 5", "delivery 4", "delivery 3", "delivery 2", "delivery 1"]);
    await rejectsWith(t.client.listMovements({ skuId: sku, pageToken: "bm90LWEtdXVpZA" }, t.asAdmin), Code.InvalidArgument, "INVALID_PAGE_TOKEN");
  });
});
