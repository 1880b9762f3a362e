// Product lists: the public one (on sale, filtered, one keyset page per sort) and the admin one.
// Each public sort has its own partial index in the same order (migrations/0001_catalog.sql).
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { ProductFilter, Sort } from "../domain/listing.ts";
import type { Cursor } from "@shop/kit/page-token";
import type { ProductStatus } from "../domain/product.ts";
import { subtreeIds } from "./categories.ts";
import type { Executor } from "@shop/kit/db";
import { products } from "./products.ts";

export type ListSort = Exclude<Sort, "relevance">;

/** What a list shows of a product: never the description. */
const summaryColumns = {
  id: products.id,
  title: products.title,
  subtitle: products.subtitle,
  brand: products.brand,
  categoryId: products.categoryId,
  image: sql<string | null>`${products.images}[1]`,
  priceMinor: products.priceMinor,
  compareAtPriceMinor: products.compareAtPriceMinor,
  currency: products.currency,
  salesCount: products.salesCount,
  status: products.status,
  publishedAt: products.publishedAt,
  ratingScore: products.ratingScore,
  ratingCount: products.ratingCount,
};

export interface SummaryRow {
  id: string;
  title: string;
  subtitle: string;
  brand: string;
  categoryId: string;
  image: string | null;
  priceMinor: number | null;
  compareAtPriceMinor: number | null;
  currency: string | null;
  salesCount: number;
  status: ProductStatus;
  publishedAt: Date | null;
  /** Average rating in hundredths of a star; 0 without reviews. */
  ratingScore: number;
  ratingCount: number;
}

interface SortSpec {
  column: PgColumn;
  descending: boolean;
  /** The cursor key of a row, and the SQL type it is compared as. */
  keyOf: (row: SummaryRow) => string | number;
  cast: SQL;
}

export const listSorts: Record<ListSort, SortSpec> = {
  newest: { column: products.publishedAt, descending: true, keyOf: (r) => r.publishedAt!.toISOString(), cast: sql`timestamptz` },
  price_asc: { column: products.priceMinor, descending: false, keyOf: (r) => r.priceMinor!, cast: sql`bigint` },
  price_desc: { column: products.priceMinor, descending: true, keyOf: (r) => r.priceMinor!, cast: sql`bigint` },
  best_selling: { column: products.salesCount, descending: true, keyOf: (r) => r.salesCount, cast: sql`bigint` },
  top_rated: { column: products.ratingScore, descending: true, keyOf: (r) => r.ratingScore, cast: sql`bigint` },
};

function filterConditions(f: ProductFilter): (SQL | undefined)[] {
  return [
    f.categoryId ? sql`${products.categoryId} in ${subtreeIds(f.categoryId)}` : undefined,
    f.brands.length ? inArray(sql`lower(${products.brand})`, f.brands) : undefined,
    f.minPriceMinor !== undefined ? gte(products.priceMinor, f.minPriceMinor) : undefined,
    f.maxPriceMinor !== undefined ? lte(products.priceMinor, f.maxPriceMinor) : undefined,
    f.currency ? eq(products.currency, f.currency) : undefined,
    f.minRating ? gte(products.ratingScore, f.minRating * 100) : undefined,
  ];
}

/** One page of on-sale products after `after` in the order of `sort`; `limit` rows at most. */
export async function listOnSale(ex: Executor, q: { filter: ProductFilter; sort: ListSort; after?: Cursor; limit: number }): Promise<SummaryRow[]> {
  const s = listSorts[q.sort];
  const order = s.descending ? [desc(s.column), desc(products.id)] : [asc(s.column), asc(products.id)];
  const keyset = q.after ? sql`(${s.column}, ${products.id}) ${s.descending ? sql`<` : sql`>`} (${q.after.key}::${s.cast}, ${q.after.id}::uuid)` : undefined;
  return ex
    .select(summaryColumns)
    .from(products)
    .where(and(eq(products.status, "on_sale"), keyset, ...filterConditions(q.filter)))
    .orderBy(...order)
    .limit(q.limit);
}

/** Products in every status (or one), newest first by id (UUIDv7, so by creation). */
export async function listAll(ex: Executor, q: { status?: ProductStatus; categoryId?: string; afterId?: string; limit: number }): Promise<SummaryRow[]> {
  return ex
    .select(summaryColumns)
    .from(products)
    .where(
      and(
        q.status ? eq(products.status, q.status) : undefined,
        q.categoryId ? sql`${products.categoryId} in ${subtreeIds(q.categoryId)}` : undefined,
        q.afterId ? sql`${products.id} < ${q.afterId}::uuid` : undefined,
      ),
    )
    .orderBy(desc(products.id))
    .limit(q.limit);
}

/** Summaries of these products in any status. */
export async function summariesOf(ex: Executor, ids: string[]): Promise<SummaryRow[]> {
  if (!ids.length) return [];
  return ex.select(summaryColumns).from(products).where(inArray(products.id, ids));
}
