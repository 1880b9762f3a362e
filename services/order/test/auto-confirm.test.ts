// The automatic receipt confirmation: the logistics service's ShipmentDelivered starts it, and the
// order's delayed OrderReceiptDue completes a still-SHIPPED order (actor system:auto-confirm); a
// shopper who confirmed sooner wins and the timer then changes nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import { events, logisticsv1, orderv1, paymentv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { startOrder, waitFor, type OrderTest } from "./helpers.ts";

// Five seconds, in days: long enough for the shopper of the second test to confirm first.
const autoConfirmDays = String(5 / 86_400);

void describe("order: automatic receipt confirmation", () => {
  let t: OrderTest;
  before(async () => {
    t = await startOrder({ env: { SHOP_ORDER_AUTO_CONFIRM_DAYS: autoConfirmDays } });
  });
  after(() => t?.close());

  /** A shopper's order, paid and shipped. */
  async function shipped(): Promise<{ order: orderv1.Order; userId: string }> {
    const sku = await t.makeSku(1500);
    t.reservations.setStock(sku, 10);
    const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 1 }]);
    const order = await t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, `k-${userId}`));
    const payment = { paymentId: v7(), orderId: order.id, userId, amountMinor: order.totalMinor, currency: order.currency, provider: "test" };
    await t.publish(events.paymentSucceeded, create(paymentv1.PaymentSucceededSchema, payment));
    await waitFor("paid", async () => (await t.admin.getOrder({ orderId: order.id }, t.asAdmin)).status === orderv1.OrderStatus.PAID);
    await t.admin.shipOrder({ orderId: order.id, carrier: "DHL", trackingNumber: `JD${order.number}` }, t.asAdmin);
    return { order, userId };
  }

  const delivered = (order: orderv1.Order) =>
    t.publish(
      events.shipmentDelivered,
      create(logisticsv1.ShipmentDeliveredSchema, {
        shipmentId: v7(),
        orderId: order.id,
        userId: order.userId,
        carrier: "DHL",
        trackingNumber: `JD${order.number}`,
        deliveredAt: timestampNow(),
      }),
    );

  const historyOf = async (orderId: string) =>
    (await t.admin.getOrder({ orderId }, t.asAdmin)).history.map((h) => [orderv1.OrderStatus[h.to], h.actor, h.reason] as const);

  void it("completes a delivered order once the auto-confirm period has passed", async () => {
    const { order } = await shipped();
    await delivered(order);
    const done = await waitFor("auto-confirmed", async () => {
      const o = await t.admin.getOrder({ orderId: order.id }, t.asAdmin);
      return o.status === orderv1.OrderStatus.COMPLETED ? o : undefined;
    });
    assert.ok(done.completedAt, "completed_at is set");
    const history = await historyOf(order.id);
    assert.deepEqual(
      history.slice(-3).map(([to, actor]) => [to, actor]),
      [
        ["SHIPPED", history.at(-3)![1]],
        ["SHIPPED", "system:logistics"],
        ["COMPLETED", "system:auto-confirm"],
      ],
    );
    assert.match(history.at(-2)![2], /delivered by DHL/);
  });

  void it("lets the shopper's earlier confirmation win: the timer then changes nothing", async () => {
    const { order, userId } = await shipped();
    const handled = async () => (await t.sql("select 1 from kit_inbox where grp = 'order.receipts'")).length;
    const before = await handled();
    await delivered(order);
    // Recorded delivered (the timer runs), then the shopper confirms before it fires.
    await waitFor("delivery recorded", async () => (await historyOf(order.id)).some(([, actor]) => actor === "system:logistics"));
    const confirmed = await t.shopper.confirmReceipt({ orderId: order.id }, await t.as(userId));
    assert.equal(confirmed.status, orderv1.OrderStatus.COMPLETED);
    // Both messages of the receipts group handled: the delivery and its timer.
    await waitFor("the timer fired", async () => (await handled()) === before + 2);
    const completions = (await historyOf(order.id)).filter(([to]) => to === "COMPLETED");
    assert.deepEqual(
      completions.map(([, actor]) => actor),
      [userId],
    );
  });
});
