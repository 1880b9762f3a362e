// Refunds: the order service asks (order.refund_requested on the bus); the payment service moves
// the payment to REFUND_PENDING, asks the sandbox, whose refund.succeeded webhook comes back
// through the gateway: REFUNDED and PaymentRefunded. Once per payment, whatever is redelivered.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { events, orderv1, paymentv1 } from "@shop/contracts";
import type { Bus, Delivery } from "@shop/kit/bus/port";
import { waitFor } from "@shop/testkit/wait";
import { v7 } from "uuid";
import { eventBody, postWebhook, signWebhook, startPaymentTest, watchBus, type PaymentTest } from "./helpers.ts";

void describe("payment: refunds", () => {
  let t: PaymentTest;
  let bus: Bus;
  let received: Delivery[] = [];
  before(async () => {
    t = await startPaymentTest();
    ({ bus, received } = await watchBus(t, "payment-refunds-test", ["payment.refunded"]));
  });
  after(async () => {
    await bus?.close();
    await t?.close();
  });

  const requestRefund = (orderId: string, paymentId: string) =>
    bus.publish({
      id: v7(),
      topic: events.orderRefundRequested.topic,
      type: events.orderRefundRequested.schema.typeName,
      payload: toBinary(
        orderv1.OrderRefundRequestedSchema,
        create(orderv1.OrderRefundRequestedSchema, { orderId, paymentId, reason: "cancelled by an admin" }),
      ),
      headers: {},
      occurredAt: new Date().toISOString(),
    });

  async function paidPayment() {
    const shopper = await t.shopper();
    const order = t.orders.add(shopper.id, { totalMinor: 7_700, currency: "GBP" });
    const payment = await t.payments.createPayment({ orderId: order.orderId }, shopper.as);
    const body = eventBody(payment);
    assert.equal((await postWebhook(t, body, signWebhook(body))).status, 200);
    return { shopper, payment };
  }

  void it("refunds the order's succeeded payment in full, once, and announces PaymentRefunded", async () => {
    const { shopper, payment } = await paidPayment();
    await requestRefund(payment.orderId, ""); // no payment id: the order's succeeded payment
    const refunded = await waitFor("the payment to be refunded", async () => {
      const p = await t.payments.getPayment({ paymentId: payment.id }, shopper.as);
      return p.status === paymentv1.PaymentStatus.REFUNDED ? p : undefined;
    });
    assert.equal(refunded.refunds.length, 1);
    const [refund] = refunded.refunds;
    assert.deepEqual([refund!.amountMinor, refund!.status, refund!.reason], [7_700n, "succeeded", "cancelled by an admin"]);
    const history = await t.sql<{ to_status: string; actor: string }>("select to_status, actor from payment_status_history where payment_id = $1 order by id", [
      payment.id,
    ]);
    assert.deepEqual(
      history.rows.map((r) => [r.to_status, r.actor]),
      [
        ["PENDING", shopper.id],
        ["SUCCEEDED", "provider:sandbox"],
        ["REFUND_PENDING", "order-service"],
        ["REFUNDED", "provider:sandbox"],
      ],
    );
    const event = await waitFor("PaymentRefunded on the bus", () =>
      received.map((d) => fromBinary(paymentv1.PaymentRefundedSchema, d.payload)).find((e) => e.paymentId === payment.id),
    );
    assert.deepEqual([event.orderId, event.refundId, event.amountMinor, event.currency], [payment.orderId, refund!.id, 7_700n, "GBP"]);

    // Asked again (another message, naming the payment): nothing more to refund.
    await requestRefund(payment.orderId, payment.id);
    await waitFor("the second request to be handled", async () => {
      const { rows } = await t.sql<{ n: number }>("select count(*)::int as n from kit_inbox where grp = 'payment.refunds'");
      return rows[0]!.n >= 2;
    });
    const refunds = await t.sql<{ n: number }>("select count(*)::int as n from refunds where payment_id = $1", [payment.id]);
    assert.equal(refunds.rows[0]!.n, 1);
    assert.equal((await t.payments.getPayment({ paymentId: payment.id }, shopper.as)).status, paymentv1.PaymentStatus.REFUNDED);
  });

  void it("a refund webhook for a refund never asked for changes nothing", async () => {
    const { shopper, payment } = await paidPayment();
    const unknown = eventBody(payment, { type: "refund.succeeded", refund_id: v7() });
    const res = await postWebhook(t, unknown, signWebhook(unknown));
    assert.deepEqual([res.status, (res.json.details as { reason: string }).reason], [400, "REFUND_NOT_FOUND"]);
    assert.equal((await t.payments.getPayment({ paymentId: payment.id }, shopper.as)).status, paymentv1.PaymentStatus.SUCCEEDED);
  });
});
