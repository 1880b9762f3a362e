// A payment's state machine as data: which trigger moves a payment from which status to which.
// Anything not in the table is not a transition (the caller decides whether that is an error or an
// event to ignore).

export const paymentStatuses = ["PENDING", "SUCCEEDED", "FAILED", "REFUND_PENDING", "REFUNDED"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** What moves a payment: a provider's event, or the order service asking for a refund. */
export type Trigger = "payment.succeeded" | "payment.failed" | "refund.requested" | "refund.succeeded";

interface Transition {
  from: PaymentStatus;
  on: Trigger;
  to: PaymentStatus;
}

export const transitions: readonly Transition[] = [
  { from: "PENDING", on: "payment.succeeded", to: "SUCCEEDED" },
  { from: "PENDING", on: "payment.failed", to: "FAILED" },
  // A provider can report success after a failure (a retried charge): the money was taken, so the
  // payment is recorded; the order service asks for a refund when the order no longer wants it.
  { from: "FAILED", on: "payment.succeeded", to: "SUCCEEDED" },
  { from: "SUCCEEDED", on: "refund.requested", to: "REFUND_PENDING" },
  { from: "REFUND_PENDING", on: "refund.succeeded", to: "REFUNDED" },
];

/** The status `trigger` moves a payment in `from` to; undefined when the table has no such move. */
export function nextStatus(from: PaymentStatus, trigger: Trigger): PaymentStatus | undefined {
  return transitions.find((t) => t.from === from && t.on === trigger)?.to;
}
