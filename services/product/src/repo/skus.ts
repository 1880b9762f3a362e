// SKUs: the sellable variants of a product.
import { asc, eq, inArray, sql } from "drizzle-orm";
import { bigint, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Attribute } from "../domain/product.ts";
import type { Executor } from "@shop/kit/db";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });
const money = (name: string) => bigint(name, { mode: "number" });

export const skus = pgTable("skus", {
  id: uuid("id").primaryKey(),
  productId: uuid("product_id").notNull(),
  code: text("code").notNull(),
  specs: jsonb("specs").$type<Attribute[]>().notNull(),
  priceMinor: money("price_minor").notNull(),
  compareAtPriceMinor: money("compare_at_price_minor"),
  currency: text("currency").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type SkuRow = typeof skus.$inferSelect;
export type SkuFields = Pick<SkuRow, "code" | "specs" | "priceMinor" | "compareAtPriceMinor" | "currency">;

export const skuCodeConstraint = "skus_code";

export async function insertSkus(ex: Executor, rows: (SkuFields & { id: string; productId: string })[]): Promise<SkuRow[]> {
  if (!rows.length) return [];
  return ex.insert(skus).values(rows).returning();
}

export async function findSku(ex: Executor, id: string): Promise<SkuRow | undefined> {
  const [row] = await ex.select().from(skus).where(eq(skus.id, id));
  return row;
}

export async function findSkus(ex: Executor, ids: string[]): Promise<SkuRow[]> {
  if (!ids.length) return [];
  return ex.select().from(skus).where(inArray(skus.id, ids));
}

/** The SKUs of these products, in creation order (UUIDv7 ids). */
export async function skusOf(ex: Executor, productIds: string[]): Promise<SkuRow[]> {
  if (!productIds.length) return [];
  return ex.select().from(skus).where(inArray(skus.productId, productIds)).orderBy(asc(skus.id));
}

export async function updateSku(ex: Executor, id: string, patch: Partial<SkuFields>): Promise<SkuRow> {
  const [row] = await ex
    .update(skus)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(skus.id, id))
    .returning();
  return row!;
}

export async function deleteSku(ex: Executor, id: string): Promise<void> {
  await ex.delete(skus).where(eq(skus.id, id));
}
