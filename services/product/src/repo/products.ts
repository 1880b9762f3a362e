// The product aggregate's root row. Its price columns mirror the cheapest SKU (refreshPrice).
import { and, count, eq, inArray, lt, sql } from "drizzle-orm";
import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Attribute, ProductStatus } from "../domain/product.ts";
import type { Executor } from "@shop/kit/db";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });
const money = (name: string) => bigint(name, { mode: "number" });

export const products = pgTable("products", {
  id: uuid("id").primaryKey(),
  title: text("title").notNull(),
  subtitle: text("subtitle").notNull(),
  description: text("description").notNull(),
  brand: text("brand").notNull(),
  categoryId: uuid("category_id").notNull(),
  images: text("images").array().notNull(),
  attributes: jsonb("attributes").$type<Attribute[]>().notNull(),
  status: text("status").$type<ProductStatus>().notNull(),
  priceMinor: money("price_minor"),
  compareAtPriceMinor: money("compare_at_price_minor"),
  currency: text("currency"),
  salesCount: money("sales_count").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  publishedAt: ts("published_at"),
  // The review service's figures (migrations/0003_ratings.sql); rating_score is computed by PostgreSQL.
  ratingSum: money("rating_sum").notNull().default(0),
  ratingCount: integer("rating_count").notNull().default(0),
  ratingVersion: money("rating_version").notNull().default(0),
  ratingScore: integer("rating_score")
    .generatedAlwaysAs(sql`case when rating_count > 0 then round(rating_sum * 100.0 / rating_count)::integer else 0 end`)
    .notNull(),
});

export type ProductRow = typeof products.$inferSelect;
/** A product's category must exist: refuses a category deleted meanwhile, and deleting one in use. */
export const productCategoryConstraint = "products_category_id_fkey";

export type ProductFields = Pick<ProductRow, "title" | "subtitle" | "description" | "brand" | "categoryId" | "images" | "attributes">;

export async function insertProduct(ex: Executor, row: ProductFields & { id: string }): Promise<ProductRow> {
  const [inserted] = await ex
    .insert(products)
    .values({ ...row, status: "draft", salesCount: 0 })
    .returning();
  return inserted!;
}

export async function findProduct(ex: Executor, id: string): Promise<ProductRow | undefined> {
  const [row] = await ex.select().from(products).where(eq(products.id, id));
  return row;
}

export async function findProducts(ex: Executor, ids: string[]): Promise<ProductRow[]> {
  if (!ids.length) return [];
  return ex.select().from(products).where(inArray(products.id, ids));
}

/** The row, locked for the rest of the transaction: the product's writes run one at a time. */
export async function lockProduct(ex: Executor, id: string): Promise<ProductRow | undefined> {
  const [row] = await ex.select().from(products).where(eq(products.id, id)).for("update");
  return row;
}

export async function updateProduct(ex: Executor, id: string, patch: Partial<ProductFields>): Promise<ProductRow> {
  const [row] = await ex
    .update(products)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(products.id, id))
    .returning();
  return row!;
}

/** Sets the status; the first time a product goes on sale is its publication time. */
export async function setStatus(ex: Executor, id: string, status: ProductStatus): Promise<ProductRow> {
  const [row] = await ex
    .update(products)
    .set({
      status,
      publishedAt: status === "on_sale" ? sql`coalesce(${products.publishedAt}, now())` : products.publishedAt,
      updatedAt: sql`now()`,
    })
    .where(eq(products.id, id))
    .returning();
  return row!;
}

/** Copies the cheapest SKU's prices and the SKUs' currency onto the product (nulls without SKUs). */
export async function refreshPrice(ex: Executor, id: string): Promise<void> {
  // A row subquery that finds no SKU sets all three to null.
  await ex.execute(sql`
    update products set
      (price_minor, compare_at_price_minor, currency) = (
        select price_minor, compare_at_price_minor, currency from skus where product_id = ${id} order by price_minor, id limit 1
      ),
      updated_at = now()
    where id = ${id}`);
}

export async function deleteProduct(ex: Executor, id: string): Promise<void> {
  await ex.delete(products).where(eq(products.id, id));
}

export async function countProductsIn(ex: Executor, categoryId: string): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(products).where(eq(products.categoryId, categoryId));
  return row?.n ?? 0;
}

/**
 * Stores a product's rating figures unless it already holds this version or a later one (events
 * may arrive out of order). The product updated, or undefined when nothing changed.
 */
export async function setRating(
  ex: Executor,
  r: { productId: string; sum: number; count: number; version: number },
): Promise<Pick<ProductRow, "id" | "status"> | undefined> {
  const [row] = await ex
    .update(products)
    .set({ ratingSum: r.sum, ratingCount: r.count, ratingVersion: r.version })
    .where(and(eq(products.id, r.productId), lt(products.ratingVersion, r.version)))
    .returning({ id: products.id, status: products.status });
  return row;
}

/**
 * Adds sold quantities to the products' sales counts, one product at a time in id order (so two
 * orders of the same products never wait on each other's locks in a cycle). Returns the products
 * counted; a product deleted since the order has nothing left to count on.
 */
export async function addSales(ex: Executor, sold: Map<string, number>): Promise<Pick<ProductRow, "id" | "status">[]> {
  const counted: Pick<ProductRow, "id" | "status">[] = [];
  for (const id of [...sold.keys()].sort()) {
    const [row] = await ex
      .update(products)
      .set({ salesCount: sql`${products.salesCount} + ${sold.get(id)!}` })
      .where(eq(products.id, id))
      .returning({ id: products.id, status: products.status });
    if (row) counted.push(row);
  }
  return counted;
}
