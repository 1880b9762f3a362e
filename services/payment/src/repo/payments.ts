// The payment aggregate: one row per attempt to pay an order, with its current status.
import { and, asc, eq, sql } from "drizzle-orm";
import { bigint, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { PaymentStatus } from "../domain/status.ts";

export const payments = pgTable("payments", {
  id: uuid("id").primaryKey(),
  orderId: uuid("order_id").notNull(),
  orderNumber: text("order_number").notNull(),
  userId: uuid("user_id").notNull(),
  provider: text("provider").notNull(),
  status: text("status").$type<PaymentStatus>().notNull(),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  currency: text("currency").notNull(),
  checkoutUrl: text("checkout_url").notNull(),
  providerReference: text("provider_reference").notNull(),
  failureReason: text("failure_reason").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = Omit<PaymentRow, "createdAt" | "updatedAt">;

/** Inserts `p` unless the order already has a pending payment (the partial unique index decides); undefined then. */
export async function insertPendingPayment(ex: Executor, p: NewPayment): Promise<PaymentRow | undefined> {
  const [row] = await ex
    .insert(payments)
    .values(p)
    .onConflictDoNothing({ target: payments.orderId, where: sql`status = 'PENDING'` })
    .returning();
  return row;
}

export async function findPayment(ex: Executor, id: string): Promise<PaymentRow | undefined> {
  const [row] = await ex.select().from(payments).where(eq(payments.id, id));
  return row;
}

/** The payment, locked for the rest of the transaction. */
export async function lockPayment(ex: Executor, id: string): Promise<PaymentRow | undefined> {
  const [row] = await ex.select().from(payments).where(eq(payments.id, id)).for("update");
  return row;
}

export async function findPendingPayment(ex: Executor, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await ex
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, "PENDING")));
  return row;
}

/** The order's payment that took the money (the one a refund is for), locked. */
export async function lockSucceededPayment(ex: Executor, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await ex
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, "SUCCEEDED")))
    .orderBy(asc(payments.id))
    .limit(1)
    .for("update");
  return row;
}

/** The order's payments, oldest first; only `userId`'s when given. */
export async function listOrderPayments(ex: Executor, orderId: string, userId?: string): Promise<PaymentRow[]> {
  return ex
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), userId ? eq(payments.userId, userId) : undefined))
    .orderBy(asc(payments.id));
}

export async function updatePayment(
  ex: Executor,
  id: string,
  set: Partial<Pick<PaymentRow, "status" | "providerReference" | "failureReason" | "checkoutUrl">>,
): Promise<PaymentRow> {
  const [row] = await ex
    .update(payments)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(payments.id, id))
    .returning();
  return row!;
}

/** Inserts the order's wallet payment unless it has one (the partial unique index decides); undefined then. */
export async function insertWalletPayment(ex: Executor, p: NewPayment): Promise<PaymentRow | undefined> {
  const [row] = await ex
    .insert(payments)
    .values(p)
    .onConflictDoNothing({ target: payments.orderId, where: sql`provider = 'wallet'` })
    .returning();
  return row;
}

export async function findWalletPayment(ex: Executor, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await ex
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.provider, "wallet")));
  return row;
}
