// The checkout saga as data: the steps an order takes while PENDING, in order, and where a failure
// leads. The order's saga_step column holds the next step to run, so a process that dies mid-saga
// leaves an order the sweeper can resume (every step is idempotent) or compensate.
export const sagaSteps = [
  // ReservationService.Reserve keyed by the order id (idempotent); a flash sale's from its set-aside.
  "reserve_stock",
  // CouponInternalService.LockCoupon keyed by the order id (idempotent); skipped without a coupon.
  "redeem_coupon",
  // PENDING → AWAITING_PAYMENT, with the events, in one transaction.
  "await_payment",
] as const;

export type SagaStep = (typeof sagaSteps)[number] | "compensate" | "done";

/** The step after `step` on the way forward. */
export function nextStep(step: (typeof sagaSteps)[number]): SagaStep {
  const i = sagaSteps.indexOf(step);
  return sagaSteps[i + 1] ?? "done";
}

/** Stock is held for the payment timeout plus this margin: the order's own timeout always acts first. */
export const reservationMarginSeconds = 600;
