// The checkout saga's coupon step (saga.ts runs it): the order's coupon is locked by the coupon
// service, keyed by the order id (asked again, it answers the same lock), and the discount it
// answers is stored on the order and spread over its lines, before the order awaits payment. Its
// compensation gives the coupon back; the FAILED or CANCELLED event says the same to the coupon
// service, so a release that cannot be made now is not lost.
import { AppError } from "@shop/kit/errors";
import { couponLines, discountLines } from "../domain/coupons.ts";
import { nextStep } from "../domain/saga.ts";
import { linesOf, setLineDiscounts } from "../repo/lines.ts";
import { lockOrder, updateOrder, type OrderRow } from "../repo/orders.ts";
import type { Deps } from "./deps.ts";

/** Locks the order's coupon and stores its discount; the order's saga moves on to await_payment. */
export async function lockOrderCoupon(d: Deps, order: OrderRow, userCouponId: string): Promise<void> {
  const lines = await linesOf(d.db, order.id);
  const categories = await d.catalog.categories(lines.map((l) => l.productId));
  const lock = await d.coupons
    .lock({ userId: order.userId, userCouponId, orderId: order.id, currency: order.currency, lines: couponLines(lines, categories) })
    .catch((err: unknown) => {
      // Another user's coupon is NOT_FOUND there; for the shopper it is a coupon they cannot use.
      if (err instanceof AppError && err.kind === "not_found") {
        throw new AppError("failed_precondition", "COUPON_NOT_AVAILABLE", "this coupon is not available to you", { metadata: { userCouponId } });
      }
      throw err;
    });
  await d.db.transaction(async (tx) => {
    const locked = (await lockOrder(tx, order.id))!;
    if (locked.status !== "PENDING" || locked.sagaStep !== "redeem_coupon") return;
    // At most each line's subtotal: the total never goes below the shipping fee.
    const discounted = discountLines(lines, lock.shares);
    const discountMinor = discounted.reduce((sum, l) => sum + l.discountMinor, 0);
    await setLineDiscounts(tx, order.id, discounted);
    await updateOrder(tx, order.id, {
      discountMinor,
      totalMinor: locked.subtotalMinor + locked.shippingFeeMinor - discountMinor,
      sagaStep: nextStep("redeem_coupon"),
    });
  });
}

/** Compensation: the coupon goes back now if the coupon service answers, else on the order's event. */
export async function releaseOrderCoupon(d: Deps, order: OrderRow, reason: string): Promise<void> {
  if (!order.userCouponId) return;
  try {
    await d.coupons.release(order.id, reason);
  } catch (err) {
    d.logger.warn({ err, orderId: order.id }, "the coupon could not be given back now; the order's FAILED event gives it back");
  }
}
