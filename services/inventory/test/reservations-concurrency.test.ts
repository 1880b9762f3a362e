// Reservations under concurrency: the stock row's lock and CHECK constraint decide between
// orders, the order id between calls of one order, and the invariant holds at the end of each.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import { inventoryViolations } from "@shop/inventory/invariant";
import { v7 } from "uuid";
import { assertInvariant, startInventory, type InventoryTest } from "./helpers.ts";

const { OPEN, COMMITTED, RELEASED } = inventoryv1.ReservationStatus;
const reasonOf = (r: PromiseSettledResult<unknown>) =>
  r.status === "rejected" ? `${ConnectError.from(r.reason).code}:${errorDetailOf(ConnectError.from(r.reason))?.reason}` : "ok";
const count = (results: PromiseSettledResult<unknown>[]) => {
  const counts: Record<string, number> = {};
  for (const r of results) counts[reasonOf(r)] = (counts[reasonOf(r)] ?? 0) + 1;
  return counts;
};

void describe("inventory: concurrent reservations", () => {
  let t: InventoryTest;
  before(async () => (t = await startInventory()));
  after(async () => t?.close());

  const stocked = async (onHand: number) => {
    const skuId = v7();
    await t.client.setStock({ skuId, onHand, reason: "stock take" }, t.asAdmin);
    return skuId;
  };

  void it("50 orders of 1 against a stock of 10: exactly 10 are held, 40 are OUT_OF_STOCK", async () => {
    const sku = await stocked(10);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => t.reservations.reserve({ orderId: v7(), lines: [{ skuId: sku, quantity: 1 }], ttlSeconds: 900 })),
    );
    assert.deepEqual(count(results), { ok: 10, [`${Code.FailedPrecondition}:OUT_OF_STOCK`]: 40 });
    const stock = await t.client.getStock({ skuId: sku }, t.asAdmin);
    assert.deepEqual([stock.onHand, stock.reserved, stock.available], [10, 10, 0]);
    const held = await t.sql("select count(*)::int as n from reservations where status = 'open'");
    assert.equal((held.rows[0] as { n: number }).n, 10, "no reservation row for a refused order");
    await assertInvariant(t);
  });

  void it("one order reserved 10 times at once is held once", async () => {
    const sku = await stocked(100);
    const orderId = v7();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.reservations.reserve({ orderId, lines: [{ skuId: sku, quantity: 7 + i }], ttlSeconds: 900 })),
    );
    assert.equal(new Set(answers.map((a) => `${a.status}:${a.lines[0]!.quantity}`)).size, 1, "every call answers the one reservation");
    assert.equal((await t.client.getStock({ skuId: sku }, t.asAdmin)).reserved, answers[0]!.lines[0]!.quantity);
    await assertInvariant(t);
  });

  void it("Reserve and Release of one order racing: whichever comes first, nothing stays held", async () => {
    const sku = await stocked(20);
    const orders = Array.from({ length: 20 }, () => v7());
    await Promise.all(
      orders.flatMap((orderId) => [
        t.reservations.reserve({ orderId, lines: [{ skuId: sku, quantity: 1 }], ttlSeconds: 900 }),
        t.reservations.releaseReservation({ orderId, reason: "saga compensation" }),
      ]),
    );
    for (const orderId of orders) assert.equal((await t.reservations.getReservation({ orderId })).status, RELEASED);
    assert.equal((await t.client.getStock({ skuId: sku }, t.asAdmin)).reserved, 0);
    await assertInvariant(t);
  });

  void it("commits, releases and reserves of orders sharing SKUs in any line order neither deadlock nor drift", async () => {
    const skus = [await stocked(1000), await stocked(1000), await stocked(1000)];
    const orders = Array.from({ length: 30 }, (_, i) => ({
      orderId: v7(),
      // Each order names the SKUs in another order: the service locks them in one.
      lines: (i % 2 ? [...skus].reverse() : skus).map((skuId, j) => ({ skuId, quantity: 1 + ((i + j) % 3) })),
    }));
    const reserved = await Promise.all(orders.map((o) => t.reservations.reserve({ ...o, ttlSeconds: 900 })));
    assert.ok(reserved.every((r) => r.status === OPEN));
    // Every order is both committed and released at once, with new orders reserving meanwhile.
    const results = await Promise.allSettled([
      ...orders.flatMap(({ orderId }) => [
        t.reservations.commitReservation({ orderId }),
        t.reservations.releaseReservation({ orderId, reason: "order cancelled" }),
      ]),
      ...Array.from({ length: 10 }, () => t.reservations.reserve({ orderId: v7(), lines: skus.map((skuId) => ({ skuId, quantity: 1 })), ttlSeconds: 900 })),
    ]);
    const failed = results.filter((r) => r.status === "rejected").map(reasonOf);
    assert.ok(
      failed.every((f) => f === `${Code.FailedPrecondition}:RESERVATION_RELEASED`),
      failed.join(", "),
    );
    for (const { orderId } of orders) {
      const { status } = await t.reservations.getReservation({ orderId });
      assert.ok(status === COMMITTED || status === RELEASED);
    }
    const committed = (await Promise.all(orders.map((o) => t.reservations.getReservation({ orderId: o.orderId })))).filter((r) => r.status === COMMITTED);
    assert.equal(failed.length, orders.length - committed.length, "each release that won made its commit fail");
    for (const skuId of skus) {
      const sold = committed.reduce((n, r) => n + r.lines.find((l) => l.skuId === skuId)!.quantity, 0);
      const stock = await t.client.getStock({ skuId }, t.asAdmin);
      assert.deepEqual([stock.onHand, stock.reserved], [1000 - sold, 10]);
    }
    await assertInvariant(t);
  });

  void it("the invariant checker reports a drift it did not cause", async () => {
    const sku = await stocked(3);
    await t.reservations.reserve({ orderId: v7(), lines: [{ skuId: sku, quantity: 1 }], ttlSeconds: 900 });
    await t.sql("update stock set on_hand = on_hand + 1, reserved = reserved + 1 where sku_id = $1", [sku]);
    const found = await inventoryViolations({ query: (text) => t.sql(text) });
    assert.deepEqual(
      found.map((v) => [v.skuId, v.rule, v.expected, v.actual]),
      [
        [sku, "on_hand_matches_movements", 3, 4],
        [sku, "reserved_matches_movements", 1, 2],
        [sku, "reserved_matches_open_reservations", 1, 2],
      ],
    );
    await t.sql("update stock set on_hand = on_hand - 1, reserved = reserved - 1 where sku_id = $1", [sku]);
    await assertInvariant(t);
  });
});
