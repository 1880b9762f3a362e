// What a list or a search asks for: filters, a sort and a page size.
import type { CursorKeyType } from "@shop/kit/page-token";
import { invalidPriceRange } from "./errors.ts";

export type Sort = "newest" | "price_asc" | "price_desc" | "best_selling" | "relevance" | "top_rated";

export interface ProductFilter {
  /** The category and its descendants. */
  categoryId?: string;
  /** Any of these, case-insensitively; empty means any brand. */
  brands: string[];
  minPriceMinor?: number;
  maxPriceMinor?: number;
  currency?: string;
  /** Whole stars (1..5): products whose average rating is at least this. */
  minRating?: number;
}

const defaultPageSize = 20;
const maxPageSize = 100;

export const pageSizeOf = (requested: number) => Math.min(requested || defaultPageSize, maxPageSize);

/** The filter with brands normalized for comparison; throws when the price range is empty. */
export function normalizeFilter(f: ProductFilter): ProductFilter {
  if (f.minPriceMinor !== undefined && f.maxPriceMinor !== undefined && f.minPriceMinor > f.maxPriceMinor) throw invalidPriceRange();
  return { ...f, brands: [...new Set(f.brands.map((b) => b.trim().toLowerCase()))].sort() };
}

/** Which kind of value a sort's cursor carries: a forged token's key is refused before it meets SQL's casts. */
export function cursorKeyType(sort: Sort): CursorKeyType {
  switch (sort) {
    case "newest":
      return "timestamp"; // published_at
    case "relevance":
      return "number"; // a float8 score
    case "price_asc":
    case "price_desc":
    case "best_selling":
      return "integer"; // bigint columns
    case "top_rated":
      return "integer"; // rating_score, hundredths of a star
  }
}
