// Product rules that need no I/O: the status machine and the SKU price rules.
import { compareAtBelowPrice, currencyMismatch } from "./errors.ts";

export type ProductStatus = "draft" | "on_sale" | "off_sale";

export interface Attribute {
  key: string;
  value: string;
}

/** At most this many SKUs per product: a detail page and its availability call stay bounded. */
export const maxSkusPerProduct = 100;

/**
 * The status after each admin action, from each status. Both actions are idempotent; unpublishing
 * a draft leaves it a draft (it was never on sale). Publishing also needs a SKU (checked by the
 * use case, and by a constraint in the database).
 */
export const statusAfter: Record<"publish" | "unpublish", Record<ProductStatus, ProductStatus>> = {
  publish: { draft: "on_sale", on_sale: "on_sale", off_sale: "on_sale" },
  unpublish: { draft: "draft", on_sale: "off_sale", off_sale: "off_sale" },
};

/** What a shopper may open: on-sale products, and off-sale ones (marked so) for old links. */
export const publiclyVisible = (status: ProductStatus) => status !== "draft";

export interface SkuPrices {
  priceMinor: number;
  /** null: none. */
  compareAtPriceMinor: number | null;
  currency: string;
}

/** Throws unless the compare-at price, when set, is at least the price. */
export function checkPrices(p: SkuPrices): void {
  if (p.compareAtPriceMinor !== null && p.compareAtPriceMinor < p.priceMinor) throw compareAtBelowPrice();
}

/** Throws unless `currency` is the product's (the one its other SKUs have, if any). */
export function checkCurrency(productCurrency: string | null, currency: string): void {
  if (productCurrency !== null && productCurrency !== currency) throw currencyMismatch(productCurrency);
}
