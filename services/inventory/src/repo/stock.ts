// The stock aggregate: one row per SKU that has ever had stock. No row means zero.
import { eq, inArray, sql } from "drizzle-orm";
import { integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export const stock = pgTable("stock", {
  skuId: uuid("sku_id").primaryKey(),
  onHand: integer("on_hand").notNull(),
  reserved: integer("reserved").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type StockRow = typeof stock.$inferSelect;

/** The CHECK constraints of migrations/0001_init.sql: they, not a read-then-write, refuse an oversell. */
export const stockConstraints = {
  onHandNonNegative: "stock_on_hand_nonnegative",
  reservedNonNegative: "stock_reserved_nonnegative",
  availableNonNegative: "stock_available_nonnegative",
  onHandMax: "stock_on_hand_max",
} as const;

export async function findStock(ex: Executor, skuId: string): Promise<StockRow | undefined> {
  const [row] = await ex.select().from(stock).where(eq(stock.skuId, skuId));
  return row;
}

/** The SKU's row, locked for the rest of the transaction; created (at zero) when missing. */
export async function lockStock(ex: Executor, skuId: string): Promise<StockRow> {
  await ex.insert(stock).values({ skuId, onHand: 0, reserved: 0 }).onConflictDoNothing();
  const [row] = await ex.select().from(stock).where(eq(stock.skuId, skuId)).for("update");
  return row!;
}

export async function setOnHand(ex: Executor, skuId: string, onHand: number): Promise<StockRow> {
  const [row] = await ex
    .update(stock)
    .set({ onHand, updatedAt: sql`now()` })
    .where(eq(stock.skuId, skuId))
    .returning();
  return row!;
}

/**
 * Adds `delta` to on hand in one UPDATE (the row lock orders concurrent callers); a result below
 * what is reserved is refused by the CHECK constraints (23514). A missing row is created at zero
 * first: not by INSERT ... ON CONFLICT with the delta, whose proposed row PostgreSQL checks against
 * the constraints even when it then updates the existing one, refusing any negative delta.
 */
export async function addOnHand(ex: Executor, skuId: string, delta: number): Promise<StockRow> {
  const add = () =>
    ex
      .update(stock)
      .set({ onHand: sql`${stock.onHand} + ${delta}`, updatedAt: sql`now()` })
      .where(eq(stock.skuId, skuId))
      .returning();
  const [row] = await add();
  if (row) return row;
  await ex.insert(stock).values({ skuId, onHand: 0, reserved: 0 }).onConflictDoNothing();
  const [created] = await add();
  return created!;
}

/** Available (on hand - reserved) of the SKUs that have a row, in one query. */
export async function availableOf(ex: Executor, skuIds: string[]): Promise<Map<string, number>> {
  const rows = await ex
    .select({ skuId: stock.skuId, available: sql<number>`${stock.onHand} - ${stock.reserved}` })
    .from(stock)
    .where(inArray(stock.skuId, skuIds));
  return new Map(rows.map((r) => [r.skuId, Number(r.available)]));
}

/**
 * Adds the deltas to on hand and reserved in one UPDATE, locking the row; undefined when the SKU
 * has no row. A result breaking a CHECK constraint is refused by the database (23514).
 */
export async function changeLevels(ex: Executor, skuId: string, delta: { onHand: number; reserved: number }): Promise<StockRow | undefined> {
  const [row] = await ex
    .update(stock)
    .set({ onHand: sql`${stock.onHand} + ${delta.onHand}`, reserved: sql`${stock.reserved} + ${delta.reserved}`, updatedAt: sql`now()` })
    .where(eq(stock.skuId, skuId))
    .returning();
  return row;
}
