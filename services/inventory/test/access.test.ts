// Who may call what (the proto's access option) and input validation at the door.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";
import { v7 } from "uuid";
import { rejectsWith, startInventory, type InventoryTest } from "./helpers.ts";

void describe("inventory: access and validation", () => {
  let t: InventoryTest;
  before(async () => (t = await startInventory()));
  after(async () => t?.close());

  void it("refuses every admin call to a customer and to a caller without a token", async () => {
    const skuId = v7();
    const calls = [
      (o?: object) => t.client.getStock({ skuId }, o),
      (o?: object) => t.client.setStock({ skuId, onHand: 1, reason: "x" }, o),
      (o?: object) => t.client.adjustStock({ skuId, delta: 1, reason: "x" }, o),
      (o?: object) => t.client.listMovements({ skuId }, o),
    ];
    for (const call of calls) {
      await rejectsWith(call(t.asCustomer), Code.PermissionDenied, "ADMIN_REQUIRED");
      await rejectsWith(call(), Code.Unauthenticated, "TOKEN_MISSING");
      await rejectsWith(call({ headers: { authorization: "Bearer not.a.token" } }), Code.Unauthenticated, "TOKEN_INVALID");
    }
    assert.equal((await t.client.getStock({ skuId }, t.asAdmin)).onHand, 0, "nothing was written");
  });

  void it("lets anyone read availability", async () => {
    const { levels } = await t.client.getAvailability({ skuIds: [v7()] }, t.asCustomer);
    assert.equal(levels[0]!.available, 0);
  });

  void it("refuses bad input with the offending fields named", async () => {
    const violations = async (call: Promise<unknown>) =>
      errorDetailOf(await rejectsWith(call, Code.InvalidArgument, "INVALID_INPUT"))!.violations.map((v) => v.field);
    assert.deepEqual(await violations(t.client.setStock({ skuId: "sku-1", onHand: -1, reason: "" }, t.asAdmin)), ["skuId", "onHand", "reason"]);
    assert.deepEqual(await violations(t.client.adjustStock({ skuId: v7(), delta: 0, reason: "x" }, t.asAdmin)), ["delta"]);
    assert.deepEqual(await violations(t.client.adjustStock({ skuId: v7(), delta: 100_000_001, reason: "x".repeat(201) }, t.asAdmin)), ["delta", "reason"]);
    assert.deepEqual(await violations(t.client.listMovements({ skuId: v7(), pageSize: 101 }, t.asAdmin)), ["pageSize"]);
    assert.deepEqual(await violations(t.client.getAvailability({ skuIds: [] })), ["skuIds"]);
    assert.deepEqual(await violations(t.client.getAvailability({ skuIds: Array.from({ length: 201 }, () => v7()) })), ["skuIds"]);
    const twice = v7();
    assert.deepEqual(await violations(t.client.getAvailability({ skuIds: [twice, twice] })), ["skuIds"]);
    assert.deepEqual(await violations(t.client.getAvailability({ skuIds: ["nope"] })), ["skuIds[0]"]);
  });
});

void describe("inventory: reservations are for other services only", () => {
  const token = "an-internal-secret-for-inventory-tests";
  let t: InventoryTest;
  // With an internal token set, loopback no longer makes a caller internal: only the token does.
  before(async () => (t = await startInventory({ SHOP_INTERNAL_TOKEN: token })));
  after(async () => t?.close());

  void it("refuses every ReservationService call without the internal token, even an admin's", async () => {
    const orderId = v7();
    const calls = [
      (o?: object) => t.reservations.reserve({ orderId, lines: [{ skuId: v7(), quantity: 1 }], ttlSeconds: 60 }, o),
      (o?: object) => t.reservations.commitReservation({ orderId }, o),
      (o?: object) => t.reservations.releaseReservation({ orderId, reason: "x" }, o),
      (o?: object) => t.reservations.restockReservation({ orderId, reason: "x" }, o),
      (o?: object) => t.reservations.getReservation({ orderId }, o),
    ];
    for (const call of calls) {
      await rejectsWith(call(), Code.PermissionDenied, "INTERNAL_ONLY");
      await rejectsWith(call(t.asAdmin), Code.PermissionDenied, "INTERNAL_ONLY");
      await rejectsWith(call({ headers: { "x-shop-internal-token": "a wrong token" } }), Code.PermissionDenied, "INTERNAL_ONLY");
    }
    const internal = { headers: { "x-shop-internal-token": token } };
    await rejectsWith(t.reservations.getReservation({ orderId }, internal), Code.NotFound, "RESERVATION_NOT_FOUND");
    const released = await t.reservations.releaseReservation({ orderId, reason: "saga compensation" }, internal);
    assert.equal(released.orderId, orderId);
    const restocked = await t.reservations.restockReservation({ orderId, reason: "refunded before shipping" }, internal);
    assert.deepEqual(restocked, released, "the order was released: restocking changes nothing");
  });
});
