// The checkout saga's runner (the steps are data in domain/saga.ts). It runs the order's next step
// until the order leaves PENDING: AWAITING_PAYMENT, or FAILED after compensating. Each step is
// idempotent and each move is a conditional update on the step it leaves, so two runners of one
// order (the shopper's call and the sweeper) never both move it. A step's failure is stored on
// the order and leads to compensation; a compensation that cannot run now (inventory down)
// leaves the order PENDING for the sweeper to finish.
import { AppError } from "@shop/kit/errors";
import { reservationLost } from "../domain/errors.ts";
import { nextStep, reservationMarginSeconds, type SagaStep } from "../domain/saga.ts";
import type { Cause } from "../domain/status.ts";
import { publishPaymentDue } from "../events/publish.ts";
import { linesOf } from "../repo/lines.ts";
import { advanceSaga, findOrder, lockOrder, type OrderRow } from "../repo/orders.ts";
import { lockOrderCoupon, releaseOrderCoupon } from "./coupon-step.ts";
import type { Deps } from "./deps.ts";
import { applyTransition } from "./transition.ts";

const checkout: Cause = { actor: "system:checkout", reason: "" };

/** Runs the saga of `orderId` as far as it goes now; returns the order as it then is. */
export async function runSaga(d: Deps, orderId: string): Promise<OrderRow> {
  for (;;) {
    const order = (await findOrder(d.db, orderId))!;
    if (order.status !== "PENDING") return order;
    if (!(await runStep(d, order))) return order;
  }
}

/** Runs the order's next step; false when it cannot run now (the sweeper tries again later). */
async function runStep(d: Deps, order: OrderRow): Promise<boolean> {
  switch (order.sagaStep) {
    case "reserve_stock":
      await reserveStock(d, order);
      return true;
    case "redeem_coupon":
      await redeemCoupon(d, order);
      return true;
    case "await_payment":
      await awaitPayment(d, order);
      return true;
    case "compensate":
      return compensate(d, order);
    case "done":
      throw new Error(`order ${order.id} is PENDING with its saga done`);
  }
}

async function reserveStock(d: Deps, order: OrderRow): Promise<void> {
  const lines = (await linesOf(d.db, order.id)).map(({ skuId, quantity }) => ({ skuId, quantity }));
  const ttlSeconds = d.paymentTimeoutSeconds + reservationMarginSeconds;
  try {
    // A flash-sale order's unit comes out of the sale's set-aside (a reservation keyed by the sale id).
    const state = await d.reservations.reserve(order.id, lines, ttlSeconds, order.flashSaleId ?? undefined);
    if (state !== "OPEN") throw reservationLost();
  } catch (err) {
    return fail(d, order, "reserve_stock", err);
  }
  await advanceSaga(d.db, order.id, "reserve_stock", nextStep("reserve_stock"));
}

async function redeemCoupon(d: Deps, order: OrderRow): Promise<void> {
  if (!order.userCouponId) {
    await advanceSaga(d.db, order.id, "redeem_coupon", nextStep("redeem_coupon"));
    return;
  }
  try {
    await lockOrderCoupon(d, order, order.userCouponId);
  } catch (err) {
    return fail(d, order, "redeem_coupon", err);
  }
}

/** Stores why the step failed and turns the saga to compensation. */
async function fail(d: Deps, order: OrderRow, step: SagaStep, err: unknown): Promise<void> {
  if (!(err instanceof AppError)) d.logger.error({ err, orderId: order.id, step }, "checkout step failed unexpectedly");
  const known = err instanceof AppError ? err : new AppError("unavailable", "CHECKOUT_FAILED", "the order could not be placed: try again");
  await advanceSaga(d.db, order.id, step, "compensate", {
    failureKind: known.kind,
    failureCode: known.reason,
    failureMessage: known.message,
    failureMetadata: known.options.metadata ?? {},
  });
}

/** PENDING → AWAITING_PAYMENT: the payment clock starts, and the cart drops the ordered lines (on the event). */
async function awaitPayment(d: Deps, order: OrderRow): Promise<void> {
  await d.db.transaction(async (tx) => {
    const locked = (await lockOrder(tx, order.id))!;
    if (locked.status !== "PENDING" || locked.sagaStep !== "await_payment") return;
    const paymentDeadline = new Date(Date.now() + d.paymentTimeoutSeconds * 1000);
    await applyTransition(tx, locked, "AWAITING_PAYMENT", { ...checkout, reason: "stock reserved" }, { sagaStep: "done", paymentDeadline });
    await publishPaymentDue(tx, order.id, d.paymentTimeoutSeconds);
  });
}

/** Gives back what the steps before took (the coupon, the reservation), then PENDING → FAILED. */
async function compensate(d: Deps, order: OrderRow): Promise<boolean> {
  await releaseOrderCoupon(d, order, order.failureMessage ?? "checkout failed");
  try {
    await d.reservations.release(order.id, "saga compensation");
  } catch (err) {
    d.logger.warn({ err, orderId: order.id }, "checkout compensation could not release the stock yet; the sweeper retries");
    return false;
  }
  await d.db.transaction(async (tx) => {
    const locked = (await lockOrder(tx, order.id))!;
    if (locked.status !== "PENDING" || locked.sagaStep !== "compensate") return;
    await applyTransition(tx, locked, "FAILED", { ...checkout, reason: locked.failureMessage ?? "checkout failed" }, { sagaStep: "done" });
  });
  return true;
}
