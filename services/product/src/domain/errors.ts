// The product service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

const violation = (field: string, message: string) => ({ violations: [{ field, message }] });

export const productNotFound = () => new AppError("not_found", "PRODUCT_NOT_FOUND", "product not found");
export const skuNotFound = () => new AppError("not_found", "SKU_NOT_FOUND", "SKU not found");
export const categoryNotFound = () => new AppError("not_found", "CATEGORY_NOT_FOUND", "category not found");
export const parentCategoryNotFound = () =>
  new AppError("failed_precondition", "PARENT_CATEGORY_NOT_FOUND", "the parent category does not exist", violation("parentId", "no such category"));
export const categoryOfProductNotFound = () =>
  new AppError("failed_precondition", "CATEGORY_NOT_FOUND", "the product's category does not exist", violation("categoryId", "no such category"));
export const categoryCycle = () =>
  new AppError(
    "failed_precondition",
    "CATEGORY_CYCLE",
    "a category cannot move below itself or one of its descendants",
    violation("parentId", "is the category or one of its descendants"),
  );
export const categoryNameTaken = () => new AppError("already_exists", "CATEGORY_NAME_TAKEN", "a sibling category already has that name");
export const categoryNotEmpty = (children: number, products: number) =>
  new AppError("failed_precondition", "CATEGORY_NOT_EMPTY", "a category with sub-categories or products cannot be deleted", {
    metadata: { children: String(children), products: String(products) },
  });
export const productHasNoSku = () => new AppError("failed_precondition", "PRODUCT_HAS_NO_SKU", "a product needs at least one SKU to go on sale");
export const lastSkuOnSale = () =>
  new AppError("failed_precondition", "LAST_SKU_ON_SALE", "the last SKU of a product on sale cannot be deleted; unpublish the product first");
export const skuLimitReached = (max: number) =>
  new AppError("failed_precondition", "SKU_LIMIT_REACHED", `a product has at most ${max} SKUs`, { metadata: { max: String(max) } });
export const compareAtBelowPrice = () =>
  new AppError(
    "invalid_argument",
    "COMPARE_AT_BELOW_PRICE",
    "the compare-at price cannot be below the price",
    violation("compareAtPriceMinor", "must be 0 or at least the price"),
  );
export const currencyMismatch = (expected: string) =>
  new AppError("invalid_argument", "SKU_CURRENCY_MISMATCH", `every SKU of a product has the same currency (${expected})`, {
    metadata: { expected },
    violations: [{ field: "currency", message: `must be ${expected}` }],
  });
export const skuCodeTaken = () => new AppError("already_exists", "SKU_CODE_TAKEN", "another SKU has that code");
export const invalidPriceRange = () =>
  new AppError(
    "invalid_argument",
    "INVALID_PRICE_RANGE",
    "min_price_minor is above max_price_minor",
    violation("minPriceMinor", "must not exceed maxPriceMinor"),
  );
