// The cart service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";
import { maxLines, maxQuantity } from "./limits.ts";

export const cartNotFound = () => new AppError("not_found", "CART_NOT_FOUND", "no guest cart with that token (it may have expired or been merged)");
export const lineNotFound = () => new AppError("not_found", "LINE_NOT_FOUND", "the cart has no line for that SKU");
export const skuNotFound = () => new AppError("not_found", "SKU_NOT_FOUND", "SKU not found");
export const productNotOnSale = () => new AppError("failed_precondition", "PRODUCT_NOT_ON_SALE", "the SKU's product is not on sale");
export const cartFull = () =>
  new AppError("failed_precondition", "CART_FULL", `a cart holds at most ${maxLines} lines`, { metadata: { max: String(maxLines) } });
export const quantityLimit = (inCart: number) =>
  new AppError("invalid_argument", "QUANTITY_LIMIT", `a line holds at most ${maxQuantity} units (${inCart} already in the cart)`, {
    metadata: { max: String(maxQuantity), in_cart: String(inCart) },
    violations: [{ field: "quantity", message: `the line would exceed ${maxQuantity}` }],
  });
export const insufficientStock = (available: number, inCart: number) =>
  new AppError("failed_precondition", "INSUFFICIENT_STOCK", `only ${available} available (${inCart} already in the cart)`, {
    metadata: { available: String(available), in_cart: String(inCart) },
  });
export const productUnavailable = () =>
  new AppError("unavailable", "PRODUCT_SERVICE_UNAVAILABLE", "the product service cannot answer now; try again", { retryAfterSeconds: 1 });
