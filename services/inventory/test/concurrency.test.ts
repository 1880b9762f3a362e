// Concurrent write-offs cannot oversell: the row lock orders them and the database's constraint
// refuses every one that would take available below zero.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";
import { v7 } from "uuid";
import { startInventory, type InventoryTest } from "./helpers.ts";

void describe("inventory: concurrent adjustments", () => {
  let t: InventoryTest;
  before(async () => (t = await startInventory()));
  after(async () => t?.close());

  void it("20 parallel -1 adjustments of a stock of 10: exactly 10 succeed, 10 are INSUFFICIENT_STOCK, stock ends at 0", async () => {
    const sku = v7();
    await t.client.setStock({ skuId: sku, onHand: 10, reason: "stock take" }, t.asAdmin);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => t.client.adjustStock({ skuId: sku, delta: -1, reason: "sold at the counter" }, t.asAdmin)),
    );
    const refused = results.filter((r) => r.status === "rejected").map((r) => ConnectError.from(r.reason));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 10);
    assert.equal(refused.length, 10);
    assert.ok(
      refused.every((e) => e.code === Code.FailedPrecondition && errorDetailOf(e)?.reason === "INSUFFICIENT_STOCK"),
      refused.map((e) => e.message).join("; "),
    );
    const stock = await t.client.getStock({ skuId: sku }, t.asAdmin);
    assert.deepEqual([stock.onHand, stock.available], [0, 0]);
    const { movements } = await t.client.listMovements({ skuId: sku, pageSize: 100 }, t.asAdmin);
    assert.equal(movements.filter((m) => m.onHandDelta === -1).length, 10, "one movement per successful adjustment, none for the refused");
    const onHand = await t.sql("select sum(on_hand_delta)::int as total from stock_movements where sku_id = $1", [sku]);
    assert.equal((onHand.rows[0] as { total: number }).total, 0, "the movements add up to what is on hand");
  });
});
