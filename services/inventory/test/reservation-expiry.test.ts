// The sweeper releases open reservations past their expiry (a 1 s sweep here), records it as
// the inventory's own change, leaves the others alone, and stops with the process.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { waitFor } from "@shop/testkit/wait";
import { v7 } from "uuid";
import { assertInvariant, rejectsWith, startInventory, type InventoryTest } from "./helpers.ts";

const { OPEN, COMMITTED, RELEASED } = inventoryv1.ReservationStatus;

void describe("inventory: reservation expiry", () => {
  let t: InventoryTest;
  before(async () => (t = await startInventory({ SHOP_INVENTORY_RESERVATION_SWEEP_SECONDS: "1" })));
  after(async () => t?.close());

  void it("releases an expired reservation and keeps the others", async () => {
    const sku = v7();
    await t.client.setStock({ skuId: sku, onHand: 10, reason: "stock take" }, t.asAdmin);
    const [brief, long, paid] = [v7(), v7(), v7()];
    await t.reservations.reserve({ orderId: brief, lines: [{ skuId: sku, quantity: 2 }], ttlSeconds: 1 });
    await t.reservations.reserve({ orderId: long, lines: [{ skuId: sku, quantity: 3 }], ttlSeconds: 3600 });
    await t.reservations.reserve({ orderId: paid, lines: [{ skuId: sku, quantity: 1 }], ttlSeconds: 1 });
    await t.reservations.commitReservation({ orderId: paid });

    await waitFor("the expired reservation to be released", async () => (await t.reservations.getReservation({ orderId: brief })).status === RELEASED, 30_000);
    assert.equal((await t.reservations.getReservation({ orderId: long })).status, OPEN);
    assert.equal((await t.reservations.getReservation({ orderId: paid })).status, COMMITTED, "a committed reservation does not expire");
    const stock = await t.client.getStock({ skuId: sku }, t.asAdmin);
    assert.deepEqual([stock.onHand, stock.reserved, stock.available], [9, 3, 6]);
    await rejectsWith(t.reservations.commitReservation({ orderId: brief }), Code.FailedPrecondition, "RESERVATION_RELEASED");

    const { movements } = await t.client.listMovements({ skuId: sku }, t.asAdmin);
    const expiry = movements.filter((m) => m.actor === "inventory");
    assert.deepEqual(
      expiry.map((m) => [m.onHandDelta, m.reservedDelta, m.reason]),
      [[0, -2, `reservation expired (order ${brief})`]],
    );
    await assertInvariant(t);
  });

  void it("an expired child gives its units back to its OPEN parent", async () => {
    const sku = v7();
    const [parent, child] = [v7(), v7()];
    await t.client.setStock({ skuId: sku, onHand: 10, reason: "stock take" }, t.asAdmin);
    await t.reservations.reserve({ orderId: parent, lines: [{ skuId: sku, quantity: 5 }], ttlSeconds: 3600 });
    await t.reservations.reserve({ orderId: child, lines: [{ skuId: sku, quantity: 2 }], ttlSeconds: 1, fromReservationId: parent });
    await waitFor("the expired child to be released", async () => (await t.reservations.getReservation({ orderId: child })).status === RELEASED, 30_000);
    const { lines } = await t.reservations.getReservation({ orderId: parent });
    assert.deepEqual(
      lines.map((l) => [l.skuId, l.quantity]),
      [[sku, 5]],
    );
    const stock = await t.client.getStock({ skuId: sku }, t.asAdmin);
    assert.deepEqual([stock.onHand, stock.reserved], [10, 5]);
    await assertInvariant(t);
  });

  void it("stops cleanly with the process", async () => {
    assert.equal(await t.inventory.stop(), 0);
    const trouble = t.inventory.logs.filter(
      (l) => l.level === "error" || l.level === "fatal" || l.msg === "reservation sweep failed; the next round tries again",
    );
    assert.deepEqual(trouble, []);
    assert.ok(t.inventory.logs.some((l) => l.msg === "expired reservations released" && l.released === 1));
  });
});
