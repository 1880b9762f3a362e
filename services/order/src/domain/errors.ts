// The order service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const idempotencyKeyRequired = () =>
  new AppError("invalid_argument", "IDEMPOTENCY_KEY_REQUIRED", "placing an order needs an Idempotency-Key header, the same on every retry", {
    violations: [{ field: "Idempotency-Key", message: "required" }],
  });
export const nothingSelected = () => new AppError("failed_precondition", "NOTHING_SELECTED", "no cart line is selected for checkout");
export const lineUnavailable = (skuId: string) =>
  new AppError("failed_precondition", "LINE_UNAVAILABLE", "a selected line is off sale or no longer exists", { metadata: { skuId } });
export const mixedCurrencies = (currencies: string[]) =>
  new AppError("failed_precondition", "MIXED_CURRENCIES", "the selected lines are priced in more than one currency: check them out separately", {
    metadata: { currencies: currencies.join(",") },
  });
export const orderNotFound = () => new AppError("not_found", "ORDER_NOT_FOUND", "order not found");
export const illegalTransition = (from: string, to: string) =>
  new AppError("failed_precondition", "ILLEGAL_TRANSITION", `an order that is ${from} cannot become ${to}`, { metadata: { from, to } });
export const reservationLost = () =>
  new AppError("failed_precondition", "RESERVATION_LOST", "the stock held for this order was released before the order could go on");
export const couponNotApplicable = (userCouponId: string, why: string) =>
  new AppError("failed_precondition", "COUPON_NOT_APPLICABLE", "this coupon cannot be used for the selected lines", {
    metadata: { userCouponId, reason: why },
  });
