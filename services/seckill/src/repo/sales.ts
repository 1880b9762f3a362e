// The sale aggregate: a sale row, with its SKU's snapshot, window and end.
import { and, asc, desc, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export const sales = pgTable("sales", {
  id: uuid("id").primaryKey(),
  skuId: uuid("sku_id").notNull(),
  productId: uuid("product_id").notNull(),
  title: text("title").notNull(),
  image: text("image").notNull(),
  specs: jsonb("specs").$type<{ key: string; value: string }[]>().notNull(),
  currency: text("currency").notNull(),
  salePriceMinor: bigint("sale_price_minor", { mode: "number" }).notNull(),
  regularPriceMinor: bigint("regular_price_minor", { mode: "number" }).notNull(),
  quantity: integer("quantity").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }).notNull(),
  endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
  endReason: text("end_reason"),
  releasedAt: timestamp("released_at", { withTimezone: true, mode: "date" }),
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type SaleRow = typeof sales.$inferSelect;
export type NewSale = typeof sales.$inferInsert;

export async function insertSale(ex: Executor, sale: NewSale): Promise<SaleRow> {
  const [row] = await ex.insert(sales).values(sale).returning();
  return row!;
}

/** The sale; `lock` takes its row for the rest of the transaction ("skip": unless another has it). */
export async function findSale(ex: Executor, id: string, lock?: "wait" | "skip"): Promise<SaleRow | undefined> {
  const query = ex.select().from(sales).where(eq(sales.id, id));
  const [row] = await (lock === "wait" ? query.for("update") : lock === "skip" ? query.for("update", { skipLocked: true }) : query);
  return row;
}

/** Sales not ended (ended_at unset and before their end), soonest first. */
export async function openSales(ex: Executor, limit = 200): Promise<SaleRow[]> {
  return ex
    .select()
    .from(sales)
    .where(and(isNull(sales.endedAt), sql`${sales.endsAt} > now()`))
    .orderBy(asc(sales.startsAt), asc(sales.id))
    .limit(limit);
}

/** Every sale, newest first. */
export async function allSales(ex: Executor, limit: number): Promise<SaleRow[]> {
  return ex.select().from(sales).orderBy(desc(sales.id)).limit(limit);
}

/** Up to `limit` sales ended (or past their end) whose unsold units are not back yet. */
export async function unreleasedEnded(ex: Executor, limit: number): Promise<string[]> {
  const rows = await ex
    .select({ id: sales.id })
    .from(sales)
    .where(and(isNull(sales.releasedAt), or(isNotNull(sales.endedAt), lte(sales.endsAt, sql`now()`))))
    .orderBy(asc(sales.endsAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function markReleased(ex: Executor, id: string): Promise<void> {
  await ex
    .update(sales)
    .set({ releasedAt: sql`now()` })
    .where(eq(sales.id, id));
}

export async function markEnded(ex: Executor, id: string, reason: string): Promise<SaleRow> {
  const [row] = await ex
    .update(sales)
    .set({ endedAt: sql`least(now(), ${sales.endsAt})`, endReason: reason })
    .where(eq(sales.id, id))
    .returning();
  return row!;
}
