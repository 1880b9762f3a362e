// A product list's filters, sort and page live in the URL query, so a link or a reload shows the
// same page: ?brand=a&brand=b&min=10&max=50&rating=4&sort=price_asc&after=<cursor>. Prices are typed
// in whole units and sent in minor units (two decimals, as in CNY, EUR and USD).
import { ProductSort } from "@shop/contracts/shop/product/v1/catalog_pb.ts";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import type { usePageTokens } from "../../ui/pager.tsx";

export const sorts = {
  relevance: ProductSort.RELEVANCE,
  newest: ProductSort.NEWEST,
  price_asc: ProductSort.PRICE_ASC,
  price_desc: ProductSort.PRICE_DESC,
  best_selling: ProductSort.BEST_SELLING,
  top_rated: ProductSort.TOP_RATED,
} as const;
export type SortName = keyof typeof sorts;

export const toMinor = (major: string): bigint => {
  const n = Number(major);
  return major.trim() && Number.isFinite(n) && n > 0 ? BigInt(Math.round(n * 100)) : 0n;
};

export interface ListFilters {
  categoryId: string;
  brands: string[];
  min: string;
  max: string;
  rating: number;
  sort: SortName | "";
}

export function readFilters(params: URLSearchParams): ListFilters {
  const sort = params.get("sort") ?? "";
  const rating = Number(params.get("rating") ?? 0);
  return {
    categoryId: params.get("category") ?? "",
    brands: params.getAll("brand").filter(Boolean),
    min: params.get("min") ?? "",
    max: params.get("max") ?? "",
    rating: Number.isInteger(rating) && rating >= 0 && rating <= 5 ? rating : 0,
    sort: sort in sorts ? (sort as SortName) : "",
  };
}

/** The fields ListProductsRequest and SearchRequest share. */
export function requestOf(f: ListFilters, pageToken: string, pageSize = 20) {
  return {
    categoryId: f.categoryId,
    brands: f.brands,
    minPriceMinor: toMinor(f.min),
    maxPriceMinor: toMinor(f.max),
    minRating: f.rating,
    sort: f.sort ? sorts[f.sort] : ProductSort.UNSPECIFIED,
    pageSize,
    pageToken,
  };
}

export function writeFilters(params: URLSearchParams, f: ListFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const k of ["category", "brand", "min", "max", "rating", "sort", "after"]) next.delete(k);
  if (f.categoryId) next.set("category", f.categoryId);
  for (const b of f.brands) next.append("brand", b);
  if (f.min) next.set("min", f.min);
  if (f.max) next.set("max", f.max);
  if (f.rating) next.set("rating", String(f.rating));
  if (f.sort) next.set("sort", f.sort);
  return next;
}

/**
 * Cursor paging kept in the URL (`after`), the cursors before it in the history entry's state, so
 * Previous and a reload both work. Same shape as ui/pager's usePageTokens, for <Pager>.
 */
export function useUrlPager(): ReturnType<typeof usePageTokens> {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const token = params.get("after") ?? "";
  const stack = ((location.state as { before?: string[] } | null)?.before ?? []).filter((t) => typeof t === "string");
  const go = (after: string, before: string[]) => {
    const next = new URLSearchParams(params);
    if (after) next.set("after", after);
    else next.delete("after");
    void navigate({ search: next.toString() }, { state: { before } });
    window.scrollTo(0, 0);
  };
  return {
    token,
    page: token ? stack.length + 1 : 1,
    next: (t: string) => go(t, [...stack, token]),
    prev: () => go(stack[stack.length - 1] ?? "", stack.slice(0, -1)),
    reset: () => go("", []),
  };
}
