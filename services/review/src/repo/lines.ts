// The lines shoppers may review: every line of each of their COMPLETED orders.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import { reviews } from "./reviews.ts";

export const reviewableLines = pgTable(
  "reviewable_lines",
  {
    orderId: uuid("order_id").notNull(),
    skuId: uuid("sku_id").notNull(),
    productId: uuid("product_id").notNull(),
    userId: uuid("user_id").notNull(),
    orderNumber: text("order_number").notNull(),
    quantity: integer("quantity").notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (l) => [primaryKey({ columns: [l.orderId, l.skuId] })],
);

export type LineRow = typeof reviewableLines.$inferSelect;
export type NewLine = Omit<LineRow, "completedAt">;

/** Records the lines; a line already recorded (a redelivery, the same SKU twice) stays as it was. */
export async function insertLines(ex: Executor, lines: NewLine[]): Promise<void> {
  if (!lines.length) return;
  await ex.insert(reviewableLines).values(lines).onConflictDoNothing();
}

/** The line, if it is this shopper's. */
export async function findLine(ex: Executor, orderId: string, skuId: string, userId: string): Promise<LineRow | undefined> {
  const l = reviewableLines;
  const [row] = await ex
    .select()
    .from(l)
    .where(and(eq(l.orderId, orderId), eq(l.skuId, skuId), eq(l.userId, userId)));
  return row;
}

/** The shopper's lines without a review, newest order first, after (order id, sku id) `after`. */
export async function unreviewedLines(ex: Executor, userId: string, opts: { after?: { orderId: string; skuId: string }; limit: number }): Promise<LineRow[]> {
  const l = reviewableLines;
  const keyset = opts.after ? sql`(${l.orderId}, ${l.skuId}) < (${opts.after.orderId}::uuid, ${opts.after.skuId}::uuid)` : undefined;
  const rows = await ex
    .select({ line: l })
    .from(l)
    .leftJoin(reviews, and(eq(reviews.orderId, l.orderId), eq(reviews.skuId, l.skuId)))
    .where(and(eq(l.userId, userId), isNull(reviews.id), keyset))
    .orderBy(desc(l.orderId), desc(l.skuId))
    .limit(opts.limit);
  return rows.map((r) => r.line);
}
