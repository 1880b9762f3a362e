// RestockReservation: a committed reservation goes back on hand once, with a movement per line;
// an open one is released instead; a released or unknown one is left (or recorded) as released.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { assertInvariant, rejectsWith, startInventory, type InventoryTest } from "./helpers.ts";

const { RELEASED, RESTOCKED } = inventoryv1.ReservationStatus;

void describe("inventory: restocking a cancelled order's reservation", () => {
  let t: InventoryTest;
  before(async () => (t = await startInventory()));
  afterEach(async () => assertInvariant(t));
  after(async () => t?.close());

  const stocked = async (onHand: number) => {
    const skuId = v7();
    await t.client.setStock({ skuId, onHand, reason: "stock take" }, t.asAdmin);
    return skuId;
  };
  const levels = async (skuId: string) => {
    const s = await t.client.getStock({ skuId }, t.asAdmin);
    return [s.onHand, s.reserved, s.available];
  };
  const history = async (skuId: string) =>
    (await t.client.listMovements({ skuId }, t.asAdmin)).movements.map((m) => [m.onHandDelta, m.reservedDelta, m.actor, m.reason]);
  const reserve = (orderId: string, lines: { skuId: string; quantity: number }[]) => t.reservations.reserve({ orderId, lines, ttlSeconds: 900 });

  void it("puts a committed reservation's lines back on hand once, each as the order's movement", async () => {
    const [a, b] = [await stocked(10), await stocked(3)];
    const orderId = v7();
    await reserve(orderId, [
      { skuId: a, quantity: 4 },
      { skuId: b, quantity: 3 },
    ]);
    await t.reservations.commitReservation({ orderId });
    assert.deepEqual(
      [await levels(a), await levels(b)],
      [
        [6, 0, 6],
        [0, 0, 0],
      ],
    );

    const restocked = await t.reservations.restockReservation({ orderId, reason: "refunded before shipping" });
    assert.equal(restocked.status, RESTOCKED);
    assert.deepEqual(
      restocked.lines.map((l) => [l.skuId, l.quantity]).sort(),
      [
        [a, 4],
        [b, 3],
      ].sort(),
    );
    assert.deepEqual(
      [await levels(a), await levels(b)],
      [
        [10, 0, 10],
        [3, 0, 3],
      ],
    );
    assert.deepEqual((await history(a)).slice(0, 2), [
      [4, 0, "order", `refunded before shipping (order ${orderId})`],
      [-4, -4, "order", `sold (order ${orderId})`],
    ]);
    assert.deepEqual((await history(b))[0], [3, 0, "order", `refunded before shipping (order ${orderId})`]);
    const cause = await t.sql("select status, changed_by, change_reason from reservations where order_id = $1", [orderId]);
    assert.deepEqual(cause.rows, [{ status: "restocked", changed_by: "order", change_reason: "refunded before shipping" }]);

    const again = await t.reservations.restockReservation({ orderId, reason: "order cancelled" });
    assert.deepEqual(again, restocked, "restocking again changes nothing");
    assert.deepEqual(await levels(a), [10, 0, 10]);
    assert.equal((await history(a)).length, 4, "no movement for the repeat");
    assert.deepEqual(await t.reservations.getReservation({ orderId }), restocked);
    // The stock is back: neither a late commit nor a release takes it again.
    await rejectsWith(t.reservations.commitReservation({ orderId }), Code.FailedPrecondition, "RESERVATION_RELEASED");
    assert.deepEqual(await t.reservations.releaseReservation({ orderId, reason: "order cancelled" }), restocked);
    assert.deepEqual(await levels(a), [10, 0, 10]);
  });

  void it("releases an open reservation instead: reserved goes down, on hand stays", async () => {
    const sku = await stocked(5);
    const orderId = v7();
    await reserve(orderId, [{ skuId: sku, quantity: 2 }]);
    const released = await t.reservations.restockReservation({ orderId, reason: "order cancelled" });
    assert.deepEqual([released.status, released.lines.length], [RELEASED, 1]);
    assert.deepEqual(await levels(sku), [5, 0, 5]);
    assert.deepEqual((await history(sku))[0], [0, -2, "order", `order cancelled (order ${orderId})`]);
    assert.deepEqual(await t.reservations.restockReservation({ orderId, reason: "order cancelled" }), released, "a released one stays released");
    assert.deepEqual(await levels(sku), [5, 0, 5]);
    assert.equal((await history(sku)).length, 3);
  });

  void it("records an order never reserved as released, as ReleaseReservation does", async () => {
    const orderId = v7();
    const released = await t.reservations.restockReservation({ orderId, reason: "order cancelled" });
    assert.deepEqual([released.orderId, released.status, released.lines], [orderId, RELEASED, []]);
    const sku = await stocked(1);
    const late = await reserve(orderId, [{ skuId: sku, quantity: 1 }]);
    assert.deepEqual([late.status, late.lines], [RELEASED, []], "a Reserve arriving late holds nothing");
    assert.deepEqual(await levels(sku), [1, 0, 1]);
  });
});
