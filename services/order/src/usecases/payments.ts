// How the order follows its payment (events from the payment service, and its own timeout). Each
// runs in the consumer's inbox transaction, under the order's row lock, so a redelivered or
// concurrent event is applied once and a payment racing the timeout ends one way or the other.
import type { Tx } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import { publishRefundRequested } from "../events/publish.ts";
import { recordHistory } from "../repo/history.ts";
import { lockOrder, updateOrder } from "../repo/orders.ts";
import { applyTransition } from "./transition.ts";

export interface PaymentFacts {
  paymentId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
}

/**
 * AWAITING_PAYMENT → PAID when the amount and currency are the order's. A payment the order cannot
 * take (cancelled meanwhile, a wrong amount, a second payment) is handed back: OrderRefundRequested.
 */
export async function paymentSucceeded(tx: Tx, p: PaymentFacts, logger: Logger): Promise<void> {
  const order = await lockOrder(tx, p.orderId);
  if (!order) return logger.warn({ ...p }, "payment for an unknown order: ignored");
  if (order.paymentId === p.paymentId) return; // this payment was applied (or refunded) before
  const matches = order.totalMinor === p.amountMinor && order.currency === p.currency;
  if (order.status === "AWAITING_PAYMENT" && matches) {
    await applyTransition(tx, order, "PAID", { actor: "system:payment", reason: `paid (${p.paymentId})` }, { paymentId: p.paymentId, paidAt: new Date() });
    return;
  }
  const why = matches
    ? `payment arrived for an order that is ${order.status}`
    : `payment of ${p.amountMinor} ${p.currency} does not match the order's ${order.totalMinor} ${order.currency}`;
  logger.warn({ ...p, status: order.status }, `refunding a payment: ${why}`);
  if (order.status === "CANCELLED" && !order.paymentId) await updateOrder(tx, order.id, { paymentId: p.paymentId, refundStatus: "PENDING" });
  await recordHistory(tx, order.id, order.status, order.status, { actor: "system:payment", reason: `refund requested: ${why}` });
  await publishRefundRequested(tx, order.id, p.paymentId, why);
}

/** A failed attempt changes nothing (the shopper may pay again until the timeout); it is recorded. */
export async function paymentFailed(tx: Tx, orderId: string, paymentId: string, reason: string): Promise<void> {
  const order = await lockOrder(tx, orderId);
  if (!order) return;
  await recordHistory(tx, orderId, order.status, order.status, { actor: "system:payment", reason: `payment ${paymentId} failed: ${reason}` });
}

/** The order's own payment refunded: refund status REFUNDED. Another payment of it (a wrong amount, a second one) is only recorded. */
export async function paymentRefunded(tx: Tx, orderId: string, paymentId: string): Promise<void> {
  const order = await lockOrder(tx, orderId);
  if (!order) return;
  if (order.paymentId === paymentId) await updateOrder(tx, orderId, { refundStatus: "REFUNDED" });
  await recordHistory(tx, orderId, order.status, order.status, { actor: "system:payment", reason: `payment ${paymentId} refunded` });
}

/** The payment timeout: an order still unpaid is cancelled (its stock goes back on the event). */
export async function cancelIfUnpaid(tx: Tx, orderId: string): Promise<void> {
  const order = await lockOrder(tx, orderId);
  if (order?.status !== "AWAITING_PAYMENT") return;
  const reason = "not paid in time";
  await applyTransition(tx, order, "CANCELLED", { actor: "system:payment-timeout", reason }, { cancelledAt: new Date(), cancelReason: reason });
}
