// What a search document is built from: an on-sale product with the names of its category path.
// Read under locks (see documents.ts) so that a refresh never writes an older state over a newer one.
import { sql } from "drizzle-orm";
import type { Tx } from "@shop/kit/db";

export interface SearchSource {
  id: string;
  title: string;
  subtitle: string;
  brand: string;
  priceMinor: number;
  currency: string;
  salesCount: number;
  /** As PostgreSQL prints a timestamptz; written back as one. */
  publishedAt: string;
  /** The category, then its ancestors up to the top. */
  categoryPath: string[];
  categoryNames: string[];
}

type ProductRow = {
  id: string;
  title: string;
  subtitle: string;
  brand: string;
  category_id: string;
  price_minor: string;
  currency: string;
  sales_count: string;
  published_at: string;
};

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
  const products = await tx.execute<ProductRow>(sql`
    select id, title, subtitle, brand, category_id, price_minor, currency, sales_count,
           published_at::text as published_at
    from products where id = any(${sql.param(ids)}::uuid[]) and status = 'on_sale'
    order by id
    for share`);
  if (!products.rows.length) return [];
  const starts = [...new Set(products.rows.map((p) => p.category_id))];
  const paths = await tx.execute<PathRow>(sql`
    with recursive path (start, id, parent_id, name, depth) as (
      select id, id, parent_id, name, 0 from categories where id = any(${sql.param(starts)}::uuid[])
      union all
      select path.start, c.id, c.parent_id, c.name, path.depth + 1 from categories c join path on c.id = path.parent_id
    )
    select start, id, name from path order by start, depth`);
  const byStart = new Map<string, PathRow[]>();
  for (const row of paths.rows) byStart.set(row.start, [...(byStart.get(row.start) ?? []), row]);
  return products.rows.map((p) => {
    const path = byStart.get(p.category_id) ?? [];
    return {
      id: p.id,
      title: p.title,
      subtitle: p.subtitle,
      brand: p.brand,
      priceMinor: Number(p.price_minor),
      currency: p.currency,
      salesCount: Number(p.sales_count),
      publishedAt: p.published_at,
      categoryPath: path.map((c) => c.id),
      categoryNames: path.map((c) => c.name),
    };
  });
}
