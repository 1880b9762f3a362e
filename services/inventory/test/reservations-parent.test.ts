// Reservations drawing from another (a flash sale's set-aside): units move between the parent's
// lines and the children's, reserved stays, concurrent draws never take more than the parent
// holds, a child's release gives back to the parent while it is OPEN and to stock after, and the
// invariant holds throughout.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import { v7 } from "uuid";
import { assertInvariant, rejectsWith, startInventory, type InventoryTest } from "./helpers.ts";

const { OPEN, RELEASED, COMMITTED } = inventoryv1.ReservationStatus;

void describe("inventory: reservations drawn from a parent", () => {
  let t: InventoryTest;
  before(async () => (t = await startInventory()));
  after(async () => t?.close());

  /** A SKU with `onHand` in stock and a parent reservation holding `set` of it. */
  const setAside = async (onHand: number, set: number) => {
    const skuId = v7();
    const parent = v7();
    await t.client.setStock({ skuId, onHand, reason: "stock take" }, t.asAdmin);
    await t.reservations.reserve({ orderId: parent, lines: [{ skuId, quantity: set }], ttlSeconds: 3600 });
    return { skuId, parent };
  };
  const levels = async (skuId: string) => {
    const s = await t.client.getStock({ skuId }, t.asAdmin);
    return [s.onHand, s.reserved, s.available];
  };
  const leftIn = async (orderId: string, skuId: string) =>
    (await t.reservations.getReservation({ orderId })).lines.find((l) => l.skuId === skuId)?.quantity ?? 0;
  const draw = (skuId: string, parent: string, orderId = v7(), quantity = 1) =>
    t.reservations.reserve({ orderId, lines: [{ skuId, quantity }], ttlSeconds: 900, fromReservationId: parent });

  void it("20 concurrent draws of 1 from a parent of 10: exactly 10 are held, reserved stays", async () => {
    const { skuId, parent } = await setAside(50, 10);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => draw(skuId, parent)));
    const won = results.filter((r) => r.status === "fulfilled");
    assert.equal(won.length, 10);
    assert.ok(won.every((r) => r.value.status === OPEN));
    for (const r of results) {
      if (r.status === "fulfilled") continue;
      const err = ConnectError.from(r.reason);
      assert.equal(err.code, Code.FailedPrecondition);
      assert.deepEqual(errorDetailOf(err)?.metadata, { skuId, available: "0", fromReservationId: parent });
    }
    assert.equal(await leftIn(parent, skuId), 0, "the parent is drawn empty");
    assert.equal((await t.reservations.getReservation({ orderId: parent })).status, OPEN);
    assert.deepEqual(await levels(skuId), [50, 10, 40], "no unit came from available stock");
    await assertInvariant(t);
  });

  void it("a draw is idempotent by the child's key, all or nothing, and refused from a parent not OPEN", async () => {
    const { skuId, parent } = await setAside(20, 5);
    const child = v7();
    const first = await draw(skuId, parent, child, 2);
    const again = await draw(skuId, parent, child, 2);
    assert.deepEqual([again.status, again.lines], [first.status, first.lines]);
    assert.equal(await leftIn(parent, skuId), 3);
    // Two lines, the second not in the parent: nothing is taken.
    const other = v7();
    await t.client.setStock({ skuId: other, onHand: 5, reason: "stock take" }, t.asAdmin);
    const both = [
      { skuId, quantity: 1 },
      { skuId: other, quantity: 1 },
    ];
    await rejectsWith(
      t.reservations.reserve({ orderId: v7(), lines: both, ttlSeconds: 900, fromReservationId: parent }),
      Code.FailedPrecondition,
      "OUT_OF_STOCK",
    );
    assert.equal(await leftIn(parent, skuId), 3);
    await rejectsWith(draw(skuId, parent, v7(), 4), Code.FailedPrecondition, "OUT_OF_STOCK");
    await rejectsWith(draw(skuId, v7()), Code.FailedPrecondition, "OUT_OF_STOCK");
    const self = v7();
    await rejectsWith(draw(skuId, self, self), Code.InvalidArgument, "INVALID_INPUT");

    await t.reservations.releaseReservation({ orderId: parent, reason: "sale ended" });
    await rejectsWith(draw(skuId, parent), Code.FailedPrecondition, "OUT_OF_STOCK");
    assert.equal((await draw(skuId, parent, child, 2)).status, OPEN, "the child, asked again, is as it is");
    await assertInvariant(t);
  });

  void it("a child's release goes back to the OPEN parent; after the parent's release, to available", async () => {
    const { skuId, parent } = await setAside(30, 10);
    const [a, b, c] = [v7(), v7(), v7()];
    await draw(skuId, parent, a, 2);
    await draw(skuId, parent, b, 3);
    await draw(skuId, parent, c, 1);
    assert.equal(await leftIn(parent, skuId), 4);

    assert.equal((await t.reservations.releaseReservation({ orderId: a, reason: "payment timeout" })).status, RELEASED);
    assert.equal(await leftIn(parent, skuId), 6, "a's 2 units are the parent's again");
    assert.deepEqual(await levels(skuId), [30, 10, 20]);
    await t.reservations.releaseReservation({ orderId: a, reason: "payment timeout" });
    assert.equal(await leftIn(parent, skuId), 6, "releasing again gives nothing back twice");
    await assertInvariant(t);

    // The parent goes: only its remaining 6 leave reserved; b and c still hold theirs.
    await t.reservations.releaseReservation({ orderId: parent, reason: "sale ended" });
    assert.deepEqual(await levels(skuId), [30, 4, 26]);
    await assertInvariant(t);

    await t.reservations.releaseReservation({ orderId: b, reason: "payment timeout" });
    assert.deepEqual(await levels(skuId), [30, 1, 29], "b's units go to available stock");
    assert.equal((await t.reservations.commitReservation({ orderId: c })).status, COMMITTED);
    assert.deepEqual(await levels(skuId), [29, 0, 29], "a committed child is sold as any reservation");
    await assertInvariant(t);
  });

  void it("drawing, giving back and releasing at once never oversells the parent", async () => {
    const { skuId, parent } = await setAside(100, 20);
    const held = await Promise.all(Array.from({ length: 10 }, () => draw(skuId, parent)));
    const results = await Promise.allSettled([
      ...held.map((r) => t.reservations.releaseReservation({ orderId: r.orderId, reason: "order cancelled" })),
      ...Array.from({ length: 30 }, () => draw(skuId, parent)),
    ]);
    const drawn = results.slice(held.length).filter((r) => r.status === "fulfilled").length;
    assert.ok(drawn >= 10 && drawn <= 20, `drawn ${drawn}`);
    assert.equal(await leftIn(parent, skuId), 20 - drawn);
    assert.deepEqual(await levels(skuId), [100, 20, 80]);
    await assertInvariant(t);
  });

  void it("the parent released while children are drawn, released and committed: no deadlock, nothing held twice", async () => {
    const { skuId, parent } = await setAside(100, 30);
    const held = await Promise.all(Array.from({ length: 20 }, () => draw(skuId, parent)));
    const results = await Promise.allSettled([
      t.reservations.releaseReservation({ orderId: parent, reason: "sale ended" }),
      ...held.slice(0, 10).map((r) => t.reservations.releaseReservation({ orderId: r.orderId, reason: "order cancelled" })),
      ...held.slice(10, 15).map((r) => t.reservations.commitReservation({ orderId: r.orderId })),
      ...Array.from({ length: 10 }, () => draw(skuId, parent)),
    ]);
    const failed = results.filter((r) => r.status === "rejected").map((r) => ConnectError.from(r.reason).code);
    assert.ok(
      failed.every((c) => c === Code.FailedPrecondition),
      `only draws after the parent's release fail (OUT_OF_STOCK): ${failed.join()}`,
    );
    assert.equal((await t.reservations.getReservation({ orderId: parent })).status, RELEASED);
    // Held now: the children still open (5 never touched, plus the draws that won); sold: 5.
    const drawn = results.slice(16).filter((r) => r.status === "fulfilled").length;
    assert.deepEqual(await levels(skuId), [95, 5 + drawn, 90 - drawn]);
    await assertInvariant(t);
  });
});
