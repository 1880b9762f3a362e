// The coupon service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

/** A template breaking a rule of its kind or scope: `reason` names the rule, `field` the field. */
export const invalidTemplate = (reason: string, field: string, message: string) =>
  new AppError("invalid_argument", reason, message, { violations: [{ field, message }] });
export const unknownCategories = (ids: string[]) =>
  new AppError("invalid_argument", "CATEGORY_NOT_FOUND", `no such categories: ${ids.join(", ")}`, {
    metadata: { categoryIds: ids.join(",") },
    violations: [{ field: "categoryIds", message: `unknown: ${ids.join(", ")}` }],
  });
export const unknownProducts = (ids: string[]) =>
  new AppError("invalid_argument", "PRODUCT_NOT_FOUND", `no such products: ${ids.join(", ")}`, {
    metadata: { productIds: ids.join(",") },
    violations: [{ field: "productIds", message: `unknown: ${ids.join(", ")}` }],
  });
export const productUnavailable = () =>
  new AppError("unavailable", "PRODUCT_UNAVAILABLE", "the product service did not answer: try again shortly", { retryAfterSeconds: 1 });

export const templateNotFound = (templateId: string) =>
  new AppError("not_found", "COUPON_TEMPLATE_NOT_FOUND", "no such coupon template", { metadata: { templateId } });
export const couponNotActive = (templateId: string, status: string) =>
  new AppError("failed_precondition", "COUPON_NOT_ACTIVE", `this coupon cannot be claimed now (${status.toLowerCase()})`, {
    metadata: { templateId, status },
  });
export const couponSoldOut = (templateId: string) =>
  new AppError("failed_precondition", "COUPON_SOLD_OUT", "every coupon of this template has been claimed", { metadata: { templateId } });
export const couponLimitReached = (templateId: string, limit: number) =>
  new AppError("failed_precondition", "COUPON_LIMIT_REACHED", `at most ${limit} of this coupon per shopper`, {
    metadata: { templateId, limit: String(limit) },
  });

export const couponNotFound = (userCouponId: string) =>
  new AppError("not_found", "COUPON_NOT_FOUND", "no such coupon of this user", { metadata: { userCouponId } });
export const couponNotAvailable = (userCouponId: string, status: string) =>
  new AppError("failed_precondition", "COUPON_NOT_AVAILABLE", `the coupon is ${status.toLowerCase()}, not available`, {
    metadata: { userCouponId, status },
  });
export const couponNotApplicable = (userCouponId: string, why: string) =>
  new AppError("failed_precondition", "COUPON_NOT_APPLICABLE", `the coupon does not apply to these lines (${why})`, {
    metadata: { userCouponId, why },
  });
/** LockCoupon for an order whose release came first: nothing is locked, the order goes without. */
export const lockReleased = (orderId: string) =>
  new AppError("failed_precondition", "COUPON_LOCK_RELEASED", "the order's coupon was released: nothing is locked for it any more", {
    metadata: { orderId },
  });
/** LockCoupon again for an order that holds another coupon: an order holds one. */
export const lockConflict = (orderId: string, lockedCouponId: string) =>
  new AppError("failed_precondition", "COUPON_LOCK_CONFLICT", "the order already holds another coupon", {
    metadata: { orderId, lockedCouponId },
  });
/** A priced line the arithmetic cannot take (a negative subtotal). */
export const invalidLine = (index: number, message: string) =>
  new AppError("invalid_argument", "INVALID_INPUT", `lines[${index}]: ${message}`, {
    violations: [{ field: `lines[${index}].subtotalMinor`, message }],
  });
