// After checkout: the state machine (illegal transitions refused), cancellation giving the stock
// back, payments through the bus (paid, late, mismatched, failed, refunded), shipping, receipt and
// an admin's refund.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { events, orderv1, paymentv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { rejectsWith, startOrder, waitFor, type OrderTest } from "./helpers.ts";

void describe("order: after checkout", () => {
  let t: OrderTest;
  before(async () => {
    t = await startOrder();
  });
  after(() => t?.close());

  /** A shopper's order awaiting payment (2 units of a 1500 SKU: 4000 with shipping). */
  async function placed(): Promise<{ order: orderv1.Order; userId: string; sku: string }> {
    const sku = await t.makeSku(1500);
    t.reservations.setStock(sku, 10);
    const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 2 }]);
    const order = await t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, `k-${userId}`));
    return { order, userId, sku };
  }

  const paid = (order: orderv1.Order, paymentId = v7(), amountMinor = order.totalMinor, currency = order.currency) =>
    create(paymentv1.PaymentSucceededSchema, { paymentId, orderId: order.id, userId: order.userId, amountMinor, currency, provider: "test" });

  const statusOf = async (orderId: string) => orderv1.OrderStatus[(await t.admin.getOrder({ orderId }, t.asAdmin)).status];
  const until = (orderId: string, status: keyof typeof orderv1.OrderStatus) => waitFor(`order ${status}`, async () => (await statusOf(orderId)) === status);

  void it("cancels an unpaid order on the shopper's word and gives its stock back; other changes are illegal", async () => {
    const { order, userId, sku } = await placed();
    const me = await t.as(userId);
    await rejectsWith(t.shopper.confirmReceipt({ orderId: order.id }, me), Code.FailedPrecondition, "ILLEGAL_TRANSITION");
    await rejectsWith(t.admin.shipOrder({ orderId: order.id, carrier: "DHL", trackingNumber: "X1" }, t.asAdmin), Code.FailedPrecondition, "ILLEGAL_TRANSITION");
    await rejectsWith(t.admin.refundOrder({ orderId: order.id, reason: "why not" }, t.asAdmin), Code.FailedPrecondition, "ILLEGAL_TRANSITION");
    const cancelled = await t.shopper.cancelMyOrder({ orderId: order.id, reason: "changed my mind" }, me);
    assert.deepEqual([cancelled.status, cancelled.cancelReason], [orderv1.OrderStatus.CANCELLED, "changed my mind"]);
    assert.deepEqual(cancelled.history.map((h) => [orderv1.OrderStatus[h.to], h.actor]).at(-1), ["CANCELLED", userId]);
    await waitFor("stock released", () => t.reservations.of(order.id)?.status === "RELEASED");
    assert.deepEqual(t.reservations.level(sku), { onHand: 10, reserved: 0 });
    // Cancelling again changes nothing; paying it now is too late.
    assert.equal((await t.shopper.cancelMyOrder({ orderId: order.id, reason: "" }, me)).history.length, cancelled.history.length);
    assert.equal((await t.internal.getPayableOrder({ orderId: order.id, userId })).payable, false);
    await rejectsWith(t.shopper.confirmReceipt({ orderId: order.id }, me), Code.FailedPrecondition, "ILLEGAL_TRANSITION");
  });

  void it("goes PAID on payment.succeeded and commits the stock, then ships and completes", async () => {
    const { order, userId, sku } = await placed();
    const paymentId = v7();
    await t.publish(events.paymentSucceeded, paid(order, paymentId));
    await until(order.id, "PAID");
    await waitFor("stock committed", () => t.reservations.of(order.id)?.status === "COMMITTED");
    assert.deepEqual(t.reservations.level(sku), { onHand: 8, reserved: 0 });
    const me = await t.as(userId);
    await rejectsWith(t.shopper.cancelMyOrder({ orderId: order.id, reason: "" }, me), Code.FailedPrecondition, "ILLEGAL_TRANSITION");
    await rejectsWith(t.shopper.confirmReceipt({ orderId: order.id }, me), Code.FailedPrecondition, "ILLEGAL_TRANSITION");
    const shipped = await t.admin.shipOrder({ orderId: order.id, carrier: "DHL", trackingNumber: "JD0001" }, t.asAdmin);
    assert.deepEqual([shipped.status, shipped.shipment?.carrier, shipped.shipment?.trackingNumber], [orderv1.OrderStatus.SHIPPED, "DHL", "JD0001"]);
    const done = await t.shopper.confirmReceipt({ orderId: order.id }, me);
    assert.equal(done.status, orderv1.OrderStatus.COMPLETED);
    assert.ok(done.paidAt && done.completedAt);
    assert.deepEqual(
      done.history.map((h) => orderv1.OrderStatus[h.to]),
      ["PENDING", "AWAITING_PAYMENT", "PAID", "SHIPPED", "COMPLETED"],
    );
    await rejectsWith(t.admin.refundOrder({ orderId: order.id, reason: "too late" }, t.asAdmin), Code.FailedPrecondition, "ILLEGAL_TRANSITION");
    // The same payment announced again (under another message id) changes nothing and refunds nothing.
    const again = await t.publish(events.paymentSucceeded, paid(order, paymentId));
    await waitFor("handled", async () => (await t.sql("select 1 from kit_inbox where message_id = $1", [again])).length === 1);
    assert.equal(t.refunds.filter((r) => r.orderId === order.id).length, 0);
    assert.equal((await t.admin.getOrder({ orderId: order.id }, t.asAdmin)).history.length, done.history.length);
  });

  void it("asks for a refund of a payment that arrives after the order was cancelled, or for the wrong amount", async () => {
    const late = await placed();
    await t.shopper.cancelMyOrder({ orderId: late.order.id, reason: "" }, await t.as(late.userId));
    const latePayment = v7();
    await t.publish(events.paymentSucceeded, paid(late.order, latePayment));
    const refund = await waitFor("refund requested", () => t.refunds.find((r) => r.orderId === late.order.id));
    assert.equal(refund.paymentId, latePayment);
    const after = await t.admin.getOrder({ orderId: late.order.id }, t.asAdmin);
    assert.deepEqual([after.status, after.refundStatus], [orderv1.OrderStatus.CANCELLED, orderv1.RefundStatus.PENDING]);
    await t.publish(
      events.paymentRefunded,
      create(paymentv1.PaymentRefundedSchema, {
        paymentId: latePayment,
        orderId: late.order.id,
        refundId: v7(),
        amountMinor: late.order.totalMinor,
        currency: "EUR",
      }),
    );
    await waitFor("refunded", async () => (await t.admin.getOrder({ orderId: late.order.id }, t.asAdmin)).refundStatus === orderv1.RefundStatus.REFUNDED);

    const wrong = await placed();
    const wrongPayment = v7();
    await t.publish(events.paymentSucceeded, paid(wrong.order, wrongPayment, wrong.order.totalMinor - 1n));
    assert.equal((await waitFor("refund requested", () => t.refunds.find((r) => r.orderId === wrong.order.id))).paymentId, wrongPayment);
    assert.equal(await statusOf(wrong.order.id), "AWAITING_PAYMENT");
    // Its refund is recorded, and is not the order's refund: the order was never paid.
    await t.publish(
      events.paymentRefunded,
      create(paymentv1.PaymentRefundedSchema, { paymentId: wrongPayment, orderId: wrong.order.id, refundId: v7(), amountMinor: 1n, currency: "EUR" }),
    );
    const recorded = await waitFor("refund recorded", async () => {
      const o = await t.admin.getOrder({ orderId: wrong.order.id }, t.asAdmin);
      return o.history.some((h) => h.reason === `payment ${wrongPayment} refunded`) ? o : undefined;
    });
    assert.deepEqual([recorded.status, recorded.refundStatus], [orderv1.OrderStatus.AWAITING_PAYMENT, orderv1.RefundStatus.NONE]);
  });

  void it("records a failed payment without changing the status", async () => {
    const { order } = await placed();
    await t.publish(events.paymentFailed, create(paymentv1.PaymentFailedSchema, { paymentId: v7(), orderId: order.id, reason: "card declined" }));
    const recorded = await waitFor("failure recorded", async () =>
      (await t.admin.getOrder({ orderId: order.id }, t.asAdmin)).history.find((h) => h.reason.includes("card declined")),
    );
    assert.deepEqual([recorded.from, recorded.to], [orderv1.OrderStatus.AWAITING_PAYMENT, orderv1.OrderStatus.AWAITING_PAYMENT]);
    assert.equal(await statusOf(order.id), "AWAITING_PAYMENT");
  });

  void it("lets an admin refund a paid order: cancelled, refund pending, OrderRefundRequested with the payment, stock back on hand", async () => {
    const { order, sku } = await placed();
    const paymentId = v7();
    await t.publish(events.paymentSucceeded, paid(order, paymentId));
    await until(order.id, "PAID");
    await waitFor("stock committed", () => t.reservations.of(order.id)?.status === "COMMITTED");
    assert.deepEqual(t.reservations.level(sku), { onHand: 8, reserved: 0 });
    const refunded = await t.admin.refundOrder({ orderId: order.id, reason: "damaged in the warehouse" }, t.asAdmin);
    assert.deepEqual([refunded.status, refunded.refundStatus], [orderv1.OrderStatus.CANCELLED, orderv1.RefundStatus.PENDING]);
    const event = await waitFor("refund requested", () => t.refunds.find((r) => r.orderId === order.id));
    assert.deepEqual([event.paymentId, event.reason], [paymentId, "damaged in the warehouse"]);
    // The goods never left the warehouse: the committed units are on hand again.
    await waitFor("stock restocked", () => t.reservations.of(order.id)?.status === "RESTOCKED");
    assert.deepEqual(t.reservations.level(sku), { onHand: 10, reserved: 0 });
  });

  void it("cancels a paid order whose reservation was released meanwhile, and refunds it", async () => {
    const { order } = await placed();
    t.reservations.expire(order.id);
    const paymentId = v7();
    await t.publish(events.paymentSucceeded, paid(order, paymentId));
    await until(order.id, "CANCELLED");
    assert.equal((await waitFor("refund requested", () => t.refunds.find((r) => r.orderId === order.id))).paymentId, paymentId);
  });

  void it("settles concurrent changes of one order one way: its row lock orders them, the transitions table refuses the losers", async () => {
    const { order } = await placed();
    await t.publish(events.paymentSucceeded, paid(order));
    await until(order.id, "PAID");
    const tries = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        i % 2
          ? t.admin.shipOrder({ orderId: order.id, carrier: "DHL", trackingNumber: `T${i}` }, t.asAdmin)
          : t.admin.refundOrder({ orderId: order.id, reason: `r${i}` }, t.asAdmin),
      ),
    );
    assert.ok(tries.some((r) => r.status === "fulfilled"));
    const final = await t.admin.getOrder({ orderId: order.id }, t.asAdmin);
    const afterPaid = final.history.slice(final.history.findIndex((h) => h.to === orderv1.OrderStatus.PAID) + 1);
    assert.equal(afterPaid.length, 1, "one change after PAID");
    assert.equal(afterPaid[0]!.to, final.status);
    assert.ok(final.status === orderv1.OrderStatus.SHIPPED || final.status === orderv1.OrderStatus.CANCELLED);
  });
});
