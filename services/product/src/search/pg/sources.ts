// What a search document is built from: an on-sale product with the names of its category path.
// Read under locks (see documents.ts) so that a refresh never writes an older state over a newer one.
import type { Tx } from "@shop/kit/db";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { products } from "../../repo/products.ts";

export interface SearchSource {
  id: string;
  title: string;
  subtitle: string;
  brand: string;
  priceMinor: number;
  currency: string;
  salesCount: number;
  ratingScore: number;
  /** As PostgreSQL prints a timestamptz; written back as one. */
  publishedAt: string;
  /** The category, then its ancestors up to the top. */
  categoryPath: string[];
  categoryNames: string[];
}

type PathRow = {
  start: string;
  id: string;
  name: string;
};

/**
 * The on-sale products among `ids`, locked against writes until the transaction ends (a product
 * changing meanwhile waits, and its event then refreshes it again). The caller holds a share lock
 * on the categories table, so the names read here cannot change before the documents are written.
 */
export async function loadSources(tx: Tx, ids: string[]): Promise<SearchSource[]> {
  const rows = await tx
    .select({
      id: products.id,
      title: products.title,
      subtitle: products.subtitle,
      brand: products.brand,
      categoryId: products.categoryId,
      priceMinor: products.priceMinor,
      currency: products.currency,
      salesCount: products.salesCount,
      ratingScore: products.ratingScore,
      publishedAt: sql<string>`${products.publishedAt}::text`,
    })
    .from(products)
    .where(and(inArray(products.id, ids), eq(products.status, "on_sale")))
    .orderBy(asc(products.id))
    .for("share");
  if (!rows.length) return [];
  const starts = [...new Set(rows.map((p) => p.categoryId))];
  const paths = await tx.execute<PathRow>(sql`
    with recursive path (start, id, parent_id, name, depth) as (
      select id, id, parent_id, name, 0 from categories where id = any(${sql.param(starts)}::uuid[])
      union all
      select path.start, c.id, c.parent_id, c.name, path.depth + 1 from categories c join path on c.id = path.parent_id
    )
    select start, id, name from path order by start, depth`);
  const byStart = new Map<string, PathRow[]>();
  for (const row of paths.rows) byStart.set(row.start, [...(byStart.get(row.start) ?? []), row]);
  return rows.map((p) => {
    const path = byStart.get(p.categoryId) ?? [];
    return {
      id: p.id,
      title: p.title,
      subtitle: p.subtitle,
      brand: p.brand,
      // On sale means priced (products_on_sale_has_sku): these columns are set.
      priceMinor: p.priceMinor ?? 0,
      currency: p.currency ?? "",
      salesCount: p.salesCount,
      ratingScore: p.ratingScore,
      publishedAt: p.publishedAt,
      categoryPath: path.map((c) => c.id),
      categoryNames: path.map((c) => c.name),
    };
  });
}
