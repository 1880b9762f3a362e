// The seckill service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const saleNotFound = (saleId: string) => new AppError("not_found", "FLASH_SALE_NOT_FOUND", "no such flash sale", { metadata: { saleId } });
export const saleNotStarted = (saleId: string, startsAt: Date) =>
  new AppError("failed_precondition", "SALE_NOT_STARTED", `the sale starts at ${startsAt.toISOString()}`, {
    metadata: { saleId, startsAt: startsAt.toISOString() },
  });
export const saleNotUpcoming = (saleId: string) =>
  new AppError("failed_precondition", "FLASH_SALE_NOT_UPCOMING", "only a sale that has not started yet can be followed", { metadata: { saleId } });
export const saleEnded = (saleId: string) => new AppError("failed_precondition", "SALE_ENDED", "the sale has ended", { metadata: { saleId } });
export const tokenInvalid = () =>
  new AppError("permission_denied", "ATTEMPT_TOKEN_INVALID", "the attempt token is missing, expired or not this shopper's for this sale: ask for a new one");
export const noAttempt = (saleId: string) => new AppError("not_found", "NO_ATTEMPT", "you have no attempt at this sale", { metadata: { saleId } });
export const skuNotFound = (skuId: string) => new AppError("not_found", "SKU_NOT_FOUND", "no such SKU", { metadata: { skuId } });

const invalid = (field: string, message: string, rule: string) =>
  new AppError("invalid_argument", "INVALID_INPUT", `${field}: ${message}`, { violations: [{ field, message, rule }] });
export const priceNotBelowRegular = (regularMinor: number) =>
  invalid("salePriceMinor", `must be below the regular price (${regularMinor})`, "below_regular_price");
export const windowEndsBeforeStart = () => invalid("endsAt", "must be after startsAt", "after_start");
export const windowEndsInPast = () => invalid("endsAt", "must be in the future", "future");
export const windowTooFar = (maxDays: number) => invalid("endsAt", `must be within ${maxDays} days from now`, "max_days_ahead");
