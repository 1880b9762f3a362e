// Refunds: one per payment (a unique constraint), always of the full amount.
import { asc, eq, inArray, sql } from "drizzle-orm";
import { bigint, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export const refunds = pgTable("refunds", {
  id: uuid("id").primaryKey(),
  paymentId: uuid("payment_id").notNull(),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  reason: text("reason").notNull(),
  status: text("status").$type<"pending" | "succeeded">().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
});

export type RefundRow = typeof refunds.$inferSelect;

export async function insertRefund(ex: Executor, r: Pick<RefundRow, "id" | "paymentId" | "amountMinor" | "reason">): Promise<RefundRow> {
  const [row] = await ex
    .insert(refunds)
    .values({ ...r, status: "pending" })
    .returning();
  return row!;
}

export async function findRefund(ex: Executor, id: string): Promise<RefundRow | undefined> {
  const [row] = await ex.select().from(refunds).where(eq(refunds.id, id));
  return row;
}

export async function completeRefund(ex: Executor, id: string): Promise<void> {
  await ex
    .update(refunds)
    .set({ status: "succeeded", completedAt: sql`now()` })
    .where(eq(refunds.id, id));
}

/** The refunds of `paymentIds`, by payment id. */
export async function refundsOf(ex: Executor, paymentIds: string[]): Promise<Map<string, RefundRow[]>> {
  const byPayment = new Map<string, RefundRow[]>();
  if (!paymentIds.length) return byPayment;
  const rows = await ex.select().from(refunds).where(inArray(refunds.paymentId, paymentIds)).orderBy(asc(refunds.createdAt));
  for (const r of rows) (byPayment.get(r.paymentId) ?? byPayment.set(r.paymentId, []).get(r.paymentId)!).push(r);
  return byPayment;
}
