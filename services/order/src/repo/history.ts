// The record of every status change of an order: from, to, who and why.
import { asc, eq } from "drizzle-orm";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 } from "uuid";
import type { Executor } from "@shop/kit/db";
import type { Cause, Status } from "../domain/status.ts";

export const statusHistory = pgTable("order_status_history", {
  id: uuid("id").primaryKey(),
  orderId: uuid("order_id").notNull(),
  fromStatus: text("from_status").$type<Status>(),
  toStatus: text("to_status").$type<Status>().notNull(),
  actor: text("actor").notNull(),
  reason: text("reason").notNull(),
  at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
});

export type HistoryRow = typeof statusHistory.$inferSelect;

/** `from` is undefined for the order's creation; from = to records an event that changed no status (a failed payment). */
export async function recordHistory(ex: Executor, orderId: string, from: Status | undefined, to: Status, cause: Cause): Promise<void> {
  await ex.insert(statusHistory).values({ id: v7(), orderId, fromStatus: from ?? null, toStatus: to, actor: cause.actor, reason: cause.reason });
}

/** Oldest first. */
export async function historyOf(ex: Executor, orderId: string): Promise<HistoryRow[]> {
  return ex.select().from(statusHistory).where(eq(statusHistory.orderId, orderId)).orderBy(asc(statusHistory.id));
}
