// The inventory service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const insufficientStock = (skuId: string, available?: number) =>
  new AppError("failed_precondition", "INSUFFICIENT_STOCK", "not enough stock: available would go below zero", {
    metadata: { skuId, ...(available === undefined ? {} : { available: String(available) }) },
  });
export const stockLimitExceeded = (skuId: string, max: number) =>
  new AppError("failed_precondition", "STOCK_LIMIT_EXCEEDED", `on hand may not exceed ${max}`, { metadata: { skuId, max: String(max) } });
