// The payment events, written to the outbox in the transaction of the change they announce; the
// order service reacts (PAID, a failure noted, refund_status REFUNDED).
import { create } from "@bufbuild/protobuf";
import { events, paymentv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import type { Tx } from "@shop/kit/db";
import type { PaymentRow } from "../repo/payments.ts";
import type { RefundRow } from "../repo/refunds.ts";

export async function publishSucceeded(tx: Tx, p: PaymentRow): Promise<void> {
  const message = create(paymentv1.PaymentSucceededSchema, {
    paymentId: p.id,
    orderId: p.orderId,
    userId: p.userId,
    amountMinor: BigInt(p.amountMinor),
    currency: p.currency,
    provider: p.provider,
  });
  await enqueue(tx, events.paymentSucceeded, message);
}

export async function publishFailed(tx: Tx, p: PaymentRow): Promise<void> {
  await enqueue(tx, events.paymentFailed, create(paymentv1.PaymentFailedSchema, { paymentId: p.id, orderId: p.orderId, reason: p.failureReason }));
}

export async function publishRefunded(tx: Tx, p: PaymentRow, refund: RefundRow): Promise<void> {
  const message = create(paymentv1.PaymentRefundedSchema, {
    paymentId: p.id,
    orderId: p.orderId,
    refundId: refund.id,
    amountMinor: BigInt(refund.amountMinor),
    currency: p.currency,
  });
  await enqueue(tx, events.paymentRefunded, message);
}
