// Writing the PostgreSQL search index: one document per on-sale product (search_documents) and the
// English stems it contains (search_terms, the dictionary typos are corrected against).
import { sql } from "drizzle-orm";
import type { Db } from "@shop/kit/db";
import { subtreeIds } from "../../repo/categories.ts";
import type { Tx } from "@shop/kit/db";
import { cjkVector, normalize, withoutCjk, type Weight } from "../analyze.ts";
import { loadSources, type SearchSource } from "./sources.ts";

/** Products refreshed per transaction when a whole category changes. */
const batchSize = 200;

const latin = (text: string) => withoutCjk(normalize(text));

function weightedFields(s: SearchSource): { text: string; weight: Weight }[] {
  return [
    { text: s.title, weight: "A" },
    { text: s.brand, weight: "B" },
    { text: s.subtitle, weight: "C" },
    { text: s.categoryNames.join(" "), weight: "D" },
  ];
}

async function upsertDocument(tx: Tx, s: SearchSource): Promise<void> {
  const fields = weightedFields(s);
  // English text goes through PostgreSQL's parser and stemmer; CJK runs come as a ready tsvector.
  const vector = sql.join(
    fields.map((f) => sql`setweight(to_tsvector('english', ${latin(f.text)}), ${f.weight}::"char")`),
    sql` || `,
  );
  await tx.execute(sql`
    insert into search_documents (product_id, title, subtitle, brand, category_path, price_minor, currency, sales_count, rating_score, published_at, document)
    values (${s.id}, ${s.title}, ${s.subtitle}, ${s.brand}, ${sql.param(s.categoryPath)}::uuid[], ${s.priceMinor}, ${s.currency}, ${s.salesCount}, ${s.ratingScore},
            ${s.publishedAt}::timestamptz, ${vector} || ${cjkVector(fields)}::tsvector)
    on conflict (product_id) do update set
      title = excluded.title, subtitle = excluded.subtitle, brand = excluded.brand, category_path = excluded.category_path,
      price_minor = excluded.price_minor, currency = excluded.currency, sales_count = excluded.sales_count, rating_score = excluded.rating_score,
      published_at = excluded.published_at, document = excluded.document, indexed_at = now()`);
  // Stems with digits are model numbers and sizes: they are never corrected, so not kept.
  await tx.execute(sql`
    insert into search_terms (term)
    select t from unnest(tsvector_to_array(to_tsvector('english', ${fields.map((f) => latin(f.text)).join(" ")}))) t
    where length(t) >= 3 and t !~ '[0-9]'
    on conflict do nothing`);
}

export async function refreshDocuments(db: Db, productIds: string[]): Promise<void> {
  if (!productIds.length) return;
  await db.transaction(async (tx) => {
    // Category renames and moves wait for this transaction, and it for them (see sources.ts).
    await tx.execute(sql`lock table categories in share mode`);
    const sources = await loadSources(tx, productIds);
    const indexed = sources.map((s) => s.id);
    await tx.execute(sql`
      delete from search_documents
      where product_id = any(${sql.param(productIds)}::uuid[]) and not (product_id = any(${sql.param(indexed)}::uuid[]))`);
    for (const source of sources) await upsertDocument(tx, source);
  });
}

export async function refreshCategoryDocuments(db: Db, categoryId: string): Promise<void> {
  const result = await db.execute<{ id: string }>(sql`
    select id from products where status = 'on_sale' and category_id in ${subtreeIds(categoryId)} order by id`);
  const ids = result.rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += batchSize) await refreshDocuments(db, ids.slice(i, i + batchSize));
}
