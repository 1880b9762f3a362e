// The inventory service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const insufficientStock = (skuId: string, available?: number) =>
  new AppError("failed_precondition", "INSUFFICIENT_STOCK", "not enough stock: available would go below zero", {
    metadata: { skuId, ...(available === undefined ? {} : { available: String(available) }) },
  });
export const stockLimitExceeded = (skuId: string, max: number) =>
  new AppError("failed_precondition", "STOCK_LIMIT_EXCEEDED", `on hand may not exceed ${max}`, { metadata: { skuId, max: String(max) } });
export const invalidPageToken = () =>
  new AppError("invalid_argument", "INVALID_PAGE_TOKEN", "page_token is not one this service issued", {
    violations: [{ field: "pageToken", message: "not a token from a previous page" }],
  });
