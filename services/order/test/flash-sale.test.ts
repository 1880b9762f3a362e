// Flash-sale orders: a won attempt (seckill.attempt_won, published here as the seckill service
// would) becomes one order whose id is the ticket id, at the sale price, its unit taken from the
// sale's reservation, however often the event comes and even when the order service is killed
// while making it; an address not the user's fails it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { events, orderv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { startOrder, statusEvents, waitFor, type OrderTest } from "./helpers.ts";

void describe("order: flash-sale orders", () => {
  let t: OrderTest;
  before(async () => {
    t = await startOrder({
      env: {
        SHOP_ORDER_SHIPPING_FEE_MINOR: "1000",
        SHOP_ORDER_FREE_SHIPPING_FROM_MINOR: "0",
        SHOP_ORDER_SWEEP_SECONDS: "1",
        SHOP_ORDER_SAGA_GRACE_SECONDS: "1",
      },
    });
  });
  after(() => t?.close());

  const won = (fields: { userId: string; skuId: string; addressId: string }) =>
    create(events.flashSaleAttemptWon.schema, { ...fields, ticketId: v7(), saleId: v7(), salePriceMinor: 990n, currency: "EUR" });
  const settled = (orderId: string) =>
    waitFor("the flash-sale order settled", async () => {
      const [row] = await t.sql<{ status: string }>("select status from orders where id = $1", [orderId]);
      return row && row.status !== "PENDING" ? row.status : undefined;
    });

  void it("creates one order per ticket at the sale price, its unit from the sale's reservation, even when delivered twice", async () => {
    const skuId = await t.makeSku(4900);
    t.reservations.setStock(skuId, 5);
    const { userId, addressId } = t.shopperWith([]);
    const e = won({ userId, skuId, addressId });
    await t.publish(events.flashSaleAttemptWon, e);
    await t.publish(events.flashSaleAttemptWon, e);
    assert.equal(await settled(e.ticketId), "AWAITING_PAYMENT");
    const order = await t.admin.getOrder({ orderId: e.ticketId }, t.asAdmin);
    assert.deepEqual(
      [order.userId, order.flashSaleId, order.userCouponId, order.subtotalMinor, order.shippingFeeMinor, order.totalMinor],
      [userId, e.saleId, "", 990n, 1000n, 1990n],
    );
    assert.deepEqual(
      order.lines.map((l) => [l.skuId, l.quantity, l.unitPriceMinor, l.title.startsWith("Thing"), l.specs[0]?.value]),
      [[skuId, 1, 990n, true, "M"]],
    );
    assert.equal(order.address?.city, "Lisbon");
    assert.deepEqual([t.reservations.of(e.ticketId)?.status, t.reservations.of(e.ticketId)?.from], ["OPEN", e.saleId]);
    // Both deliveries handled (acknowledged, none dead): the second made nothing more.
    await waitFor("both deliveries handled", async () => (await t.pending("order.flash_sales")) === 0);
    const mine = await t.sql<{ id: string }>("select id from orders where user_id = $1", [userId]);
    assert.deepEqual(
      mine.map((r) => r.id),
      [e.ticketId],
    );
    assert.equal(t.reservations.level(skuId).reserved, 1);
    const [awaiting] = await statusEvents(t, e.ticketId);
    assert.deepEqual([awaiting?.to, awaiting?.flashSaleId], [orderv1.OrderStatus.AWAITING_PAYMENT, e.saleId]);
  });

  void it("an address not the user's fails the order (ADDRESS_NOT_FOUND), announced with the flash sale", async () => {
    const skuId = await t.makeSku(4900);
    t.reservations.setStock(skuId, 5);
    const { userId } = t.shopperWith([]);
    const { addressId: someoneElses } = t.shopperWith([]);
    const e = won({ userId, skuId, addressId: someoneElses });
    await t.publish(events.flashSaleAttemptWon, e);
    assert.equal(await settled(e.ticketId), "FAILED");
    const [row] = await t.sql<{ failure_code: string; flash_sale_id: string }>("select failure_code, flash_sale_id from orders where id = $1", [e.ticketId]);
    assert.deepEqual(row, { failure_code: "ADDRESS_NOT_FOUND", flash_sale_id: e.saleId });
    assert.deepEqual(t.reservations.level(skuId), { onHand: 5, reserved: 0 });
    const changes = await statusEvents(t, e.ticketId);
    assert.deepEqual(
      changes.map((c) => [c.to, c.flashSaleId, c.userId]),
      [[orderv1.OrderStatus.FAILED, e.saleId, userId]],
    );
  });

  // Last: it restarts the order service.
  void it("an order service killed while making the order finishes it once, on the redelivery or the sweep", async () => {
    const skuId = await t.makeSku(4900);
    t.reservations.setStock(skuId, 5);
    t.reservations.latencyMs = 2000;
    const { userId, addressId } = t.shopperWith([]);
    const e = won({ userId, skuId, addressId });
    await t.publish(events.flashSaleAttemptWon, e);
    await waitFor("the order made, its stock being reserved", async () => (await t.sql("select 1 from orders where id = $1", [e.ticketId])).length === 1);
    await t.restartOrder({ kill: true });
    t.reservations.latencyMs = 0;
    assert.equal(await settled(e.ticketId), "AWAITING_PAYMENT");
    await waitFor("the event handled", async () => (await t.pending("order.flash_sales")) === 0, 60_000);
    assert.equal((await t.sql("select 1 from orders where user_id = $1", [userId])).length, 1);
    assert.deepEqual([t.reservations.of(e.ticketId)?.status, t.reservations.level(skuId).reserved], ["OPEN", 1]);
    assert.equal((await statusEvents(t, e.ticketId)).filter((c) => c.to === orderv1.OrderStatus.AWAITING_PAYMENT).length, 1);
  });
});
