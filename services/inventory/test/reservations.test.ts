// Reserve, commit and release: the stock they move, the movements they leave, their idempotency
// by order id, all-or-nothing, and the answers for the wrong state.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import { v7 } from "uuid";
import { assertInvariant, rejectsWith, startInventory, type InventoryTest } from "./helpers.ts";

const { OPEN, COMMITTED, RELEASED } = inventoryv1.ReservationStatus;

void describe("inventory: reservations", () => {
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

  void it("reserves, commits once, and records every change as the order's", async () => {
    const [a, b] = [await stocked(10), await stocked(3)];
    const orderId = v7();
    const held = await t.reservations.reserve({
      orderId,
      lines: [
        { skuId: a, quantity: 4 },
        { skuId: b, quantity: 3 },
      ],
      ttlSeconds: 900,
    });
    assert.equal(held.status, OPEN);
    assert.deepEqual(
      held.lines.map((l) => [l.skuId, l.quantity]).sort(),
      [
        [a, 4],
        [b, 3],
      ].sort(),
    );
    assert.ok(held.expiresAt && held.createdAt && held.updatedAt);
    assert.ok(Number(held.expiresAt.seconds) - Number(held.createdAt.seconds) >= 899);
    assert.deepEqual(await levels(a), [10, 4, 6]);
    assert.deepEqual(await levels(b), [3, 3, 0]);

    const again = await t.reservations.reserve({ orderId, lines: [{ skuId: a, quantity: 1 }], ttlSeconds: 60 });
    assert.deepEqual(again, held, "asked again, the reservation is returned as it is");
    assert.deepEqual(await levels(a), [10, 4, 6]);
    assert.deepEqual(await t.reservations.getReservation({ orderId }), held);

    const sold = await t.reservations.commitReservation({ orderId });
    assert.equal(sold.status, COMMITTED);
    assert.deepEqual(await levels(a), [6, 0, 6]);
    assert.deepEqual(await levels(b), [0, 0, 0]);
    assert.deepEqual(await t.reservations.commitReservation({ orderId }), sold, "committing again changes nothing");
    assert.deepEqual(await t.reservations.releaseReservation({ orderId, reason: "order cancelled" }), sold, "a committed reservation stays");
    assert.deepEqual(await levels(a), [6, 0, 6]);

    const { movements } = await t.client.listMovements({ skuId: a }, t.asAdmin);
    assert.deepEqual(
      movements.map((m) => [m.onHandDelta, m.reservedDelta, m.actor, m.reason]),
      [
        [-4, -4, "order", `sold (order ${orderId})`],
        [0, 4, "order", `reserved (order ${orderId})`],
        [10, 0, t.adminId, "stock take"],
      ],
    );
  });

  void it("releases once; a released reservation cannot be committed", async () => {
    const sku = await stocked(5);
    const orderId = v7();
    await t.reservations.reserve({ orderId, lines: [{ skuId: sku, quantity: 2 }], ttlSeconds: 900 });
    const released = await t.reservations.releaseReservation({ orderId, reason: "order cancelled" });
    assert.deepEqual([released.status, released.lines.length], [RELEASED, 1]);
    assert.deepEqual(await levels(sku), [5, 0, 5]);
    assert.deepEqual(await t.reservations.releaseReservation({ orderId, reason: "payment timeout" }), released, "releasing again changes nothing");
    await rejectsWith(t.reservations.commitReservation({ orderId }), Code.FailedPrecondition, "RESERVATION_RELEASED");
    assert.deepEqual(await t.reservations.reserve({ orderId, lines: [{ skuId: sku, quantity: 2 }], ttlSeconds: 900 }), released);
    assert.deepEqual(await levels(sku), [5, 0, 5]);
    const { movements } = await t.client.listMovements({ skuId: sku }, t.asAdmin);
    assert.deepEqual(
      movements.slice(0, 2).map((m) => [m.onHandDelta, m.reservedDelta, m.actor, m.reason]),
      [
        [0, -2, "order", `order cancelled (order ${orderId})`],
        [0, 2, "order", `reserved (order ${orderId})`],
      ],
    );
  });

  void it("answers for orders it has never seen: commit NOT_FOUND, release records the order as released", async () => {
    const orderId = v7();
    await rejectsWith(t.reservations.commitReservation({ orderId }), Code.NotFound, "RESERVATION_NOT_FOUND");
    await rejectsWith(t.reservations.getReservation({ orderId }), Code.NotFound, "RESERVATION_NOT_FOUND");
    const released = await t.reservations.releaseReservation({ orderId, reason: "saga compensation" });
    assert.deepEqual([released.orderId, released.status, released.lines], [orderId, RELEASED, []]);
    const cause = await t.sql("select changed_by, change_reason from reservations where order_id = $1", [orderId]);
    assert.deepEqual(cause.rows, [{ changed_by: "order", change_reason: "saga compensation" }], "the release and its cause are recorded");
    // A Reserve arriving after the compensation holds nothing.
    const sku = await stocked(1);
    const late = await t.reservations.reserve({ orderId, lines: [{ skuId: sku, quantity: 1 }], ttlSeconds: 900 });
    assert.deepEqual([late.status, late.lines], [RELEASED, []]);
    assert.deepEqual(await levels(sku), [1, 0, 1]);
  });

  void it("reserves every line or none: a short second line leaves everything as it was", async () => {
    const [plenty, few] = [await stocked(5), await stocked(1)];
    const orderId = v7();
    const err = await rejectsWith(
      t.reservations.reserve({
        orderId,
        lines: [
          { skuId: plenty, quantity: 2 },
          { skuId: few, quantity: 2 },
        ],
        ttlSeconds: 900,
      }),
      Code.FailedPrecondition,
      "OUT_OF_STOCK",
    );
    assert.deepEqual(errorDetailOf(err)?.metadata, { skuId: few, available: "1" });
    assert.deepEqual(await levels(plenty), [5, 0, 5]);
    assert.deepEqual(await levels(few), [1, 0, 1]);
    await rejectsWith(t.reservations.getReservation({ orderId }), Code.NotFound, "RESERVATION_NOT_FOUND");
    assert.equal((await t.client.listMovements({ skuId: plenty }, t.asAdmin)).movements.length, 1, "only the stock take");

    const never = v7();
    const none = await rejectsWith(
      t.reservations.reserve({ orderId, lines: [{ skuId: never, quantity: 1 }], ttlSeconds: 900 }),
      Code.FailedPrecondition,
      "OUT_OF_STOCK",
    );
    assert.deepEqual(errorDetailOf(none)?.metadata, { skuId: never, available: "0" });

    // Nothing was kept of the refused call: the order may try again.
    const retried = await t.reservations.reserve({
      orderId,
      lines: [
        { skuId: plenty, quantity: 2 },
        { skuId: few, quantity: 1 },
      ],
      ttlSeconds: 900,
    });
    assert.equal(retried.status, OPEN);
    assert.deepEqual(await levels(few), [1, 1, 0]);
  });

  void it("refuses a SKU named twice, and bad input", async () => {
    const sku = await stocked(5);
    const err = await rejectsWith(
      t.reservations.reserve({
        orderId: v7(),
        lines: [
          { skuId: sku, quantity: 1 },
          { skuId: v7(), quantity: 1 },
          { skuId: sku, quantity: 2 },
        ],
        ttlSeconds: 900,
      }),
      Code.InvalidArgument,
      "INVALID_INPUT",
    );
    assert.deepEqual(
      errorDetailOf(err)?.violations.map((v) => v.field),
      ["lines[2].skuId"],
    );
    const violations = async (call: Promise<unknown>) =>
      errorDetailOf(await rejectsWith(call, Code.InvalidArgument, "INVALID_INPUT"))!.violations.map((v) => v.field);
    assert.deepEqual(await violations(t.reservations.reserve({ orderId: "order-1", lines: [], ttlSeconds: 0 })), ["orderId", "lines", "ttlSeconds"]);
    assert.deepEqual(await violations(t.reservations.reserve({ orderId: v7(), lines: [{ skuId: sku, quantity: 0 }], ttlSeconds: 1 })), ["lines[0].quantity"]);
    assert.deepEqual(await violations(t.reservations.releaseReservation({ orderId: v7(), reason: "" })), ["reason"]);
    assert.deepEqual(await levels(sku), [5, 0, 5]);
  });

  void it("keeps a stock take from going below what is reserved", async () => {
    const sku = await stocked(4);
    await t.reservations.reserve({ orderId: v7(), lines: [{ skuId: sku, quantity: 3 }], ttlSeconds: 900 });
    await rejectsWith(t.client.setStock({ skuId: sku, onHand: 2, reason: "stock take" }, t.asAdmin), Code.FailedPrecondition, "INSUFFICIENT_STOCK");
    await rejectsWith(t.client.adjustStock({ skuId: sku, delta: -2, reason: "damaged" }, t.asAdmin), Code.FailedPrecondition, "INSUFFICIENT_STOCK");
    assert.deepEqual(await levels(sku), [4, 3, 1]);
  });
});
