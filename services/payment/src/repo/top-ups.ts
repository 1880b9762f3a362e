// Top-ups: one row per attempt to add money to a wallet through a provider, with its status.
import { eq, sql } from "drizzle-orm";
import { bigint, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export type TopUpStatus = "PENDING" | "SUCCEEDED" | "FAILED";

export const topUps = pgTable("top_ups", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  provider: text("provider").notNull(),
  status: text("status").$type<TopUpStatus>().notNull(),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  currency: text("currency").notNull(),
  checkoutUrl: text("checkout_url").notNull(),
  providerReference: text("provider_reference").notNull(),
  failureReason: text("failure_reason").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type TopUpRow = typeof topUps.$inferSelect;

export async function insertTopUp(ex: Executor, t: Omit<TopUpRow, "createdAt" | "updatedAt">): Promise<TopUpRow> {
  const [row] = await ex.insert(topUps).values(t).returning();
  return row!;
}

export async function findTopUp(ex: Executor, id: string): Promise<TopUpRow | undefined> {
  const [row] = await ex.select().from(topUps).where(eq(topUps.id, id));
  return row;
}

export async function lockTopUp(ex: Executor, id: string): Promise<TopUpRow | undefined> {
  const [row] = await ex.select().from(topUps).where(eq(topUps.id, id)).for("update");
  return row;
}

export async function updateTopUp(
  ex: Executor,
  id: string,
  set: Partial<Pick<TopUpRow, "status" | "providerReference" | "failureReason" | "checkoutUrl">>,
): Promise<TopUpRow> {
  const [row] = await ex
    .update(topUps)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(topUps.id, id))
    .returning();
  return row!;
}
