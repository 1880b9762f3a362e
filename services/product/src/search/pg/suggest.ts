// Autocomplete from the PostgreSQL index: brands that start with what was typed, then titles of
// products that match it as a prefix query (the last word may be unfinished), titles that start
// with it first, best sellers next.
import { sql } from "drizzle-orm";
import type { Db } from "@shop/kit/db";

/** LIKE's wildcards and escape character, taken literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function suggestBrands(db: Db, typed: string, limit: number): Promise<string[]> {
  const { rows } = await db.execute<{ brand: string }>(sql`
    select brand from search_documents
    where brand <> '' and lower(brand) like ${`${likeEscape(typed)}%`}
    group by brand order by count(*) desc, brand limit ${limit}`);
  return rows.map((r) => r.brand);
}

export async function suggestTitles(db: Db, tsquery: string, typed: string, limit: number): Promise<{ productId: string; title: string }[]> {
  const { rows } = await db.execute<{ product_id: string; title: string }>(sql`
    select d.product_id, d.title
    from search_documents d, (select ${tsquery}::tsquery as tsq) q
    where d.document @@ q.tsq
    order by lower(d.title) like ${`${likeEscape(typed)}%`} desc, d.sales_count desc, d.product_id desc
    limit ${limit}`);
  return rows.map((r) => ({ productId: r.product_id, title: r.title }));
}
