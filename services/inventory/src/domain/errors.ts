// The inventory service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const insufficientStock = (skuId: string, available?: number) =>
  new AppError("failed_precondition", "INSUFFICIENT_STOCK", "not enough stock: available would go below zero", {
    metadata: { skuId, ...(available === undefined ? {} : { available: String(available) }) },
  });
export const stockLimitExceeded = (skuId: string, max: number) =>
  new AppError("failed_precondition", "STOCK_LIMIT_EXCEEDED", `on hand may not exceed ${max}`, { metadata: { skuId, max: String(max) } });

/** A reservation line wants more than is available; `available` is what was left of that SKU. */
export const outOfStock = (skuId: string, available: number) =>
  new AppError("failed_precondition", "OUT_OF_STOCK", `not enough stock of SKU ${skuId}: ${available} available`, {
    metadata: { skuId, available: String(available) },
  });
/** A draw from a parent reservation (`fromReservationId`) that is not OPEN or holds less than a line wants. */
export const outOfStockInParent = (skuId: string, available: number, fromReservationId: string) =>
  new AppError("failed_precondition", "OUT_OF_STOCK", `not enough of SKU ${skuId} left in reservation ${fromReservationId}: ${available} available`, {
    metadata: { skuId, available: String(available), fromReservationId },
  });
/** A reservation naming itself as the one to draw from. */
export const drawFromItself = (orderId: string) =>
  new AppError("invalid_argument", "INVALID_INPUT", "a reservation cannot draw from itself", {
    violations: [{ field: "fromReservationId", message: `the same as orderId ${orderId}`, rule: "not_self" }],
  });
export const reservationNotFound = (orderId: string) =>
  new AppError("not_found", "RESERVATION_NOT_FOUND", "no reservation for this order", { metadata: { orderId } });
/** Committing what was released: the stock may be sold to someone else, so the caller refunds. */
export const reservationReleased = (orderId: string) =>
  new AppError("failed_precondition", "RESERVATION_RELEASED", "the reservation was released: nothing is held for this order any more", {
    metadata: { orderId },
  });
export const duplicateSku = (skuId: string, first: number, again: number) =>
  new AppError("invalid_argument", "INVALID_INPUT", `SKU ${skuId} is named twice: lines[${first}] and lines[${again}]; give one line per SKU`, {
    violations: [{ field: `lines[${again}].skuId`, message: `the same SKU as lines[${first}]`, rule: "unique_sku" }],
  });
