// The order aggregate's head row: status, saga progress, money, snapshots and the facts of payment,
// shipping and cancellation. Lines and history live in tables of their own.
import { and, desc, eq, like, lt, sql, type SQL } from "drizzle-orm";
import { bigint, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { ErrorKind } from "@shop/kit/errors";
import type { SagaStep } from "../domain/saga.ts";
import type { RefundStatus, Status } from "../domain/status.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });
const money = (name: string) => bigint(name, { mode: "number" });

export interface AddressSnapshot {
  recipientName: string;
  phone: string;
  countryCode: string;
  region: string;
  city: string;
  district: string;
  line1: string;
  line2: string;
  postalCode: string;
}

export const orders = pgTable("orders", {
  id: uuid("id").primaryKey(),
  number: text("number").notNull(),
  userId: uuid("user_id").notNull(),
  idempotencyKey: text("idempotency_key").notNull(),
  status: text("status").$type<Status>().notNull(),
  sagaStep: text("saga_step").$type<SagaStep>().notNull(),
  currency: text("currency").notNull(),
  subtotalMinor: money("subtotal_minor").notNull(),
  shippingFeeMinor: money("shipping_fee_minor").notNull(),
  discountMinor: money("discount_minor").notNull(),
  totalMinor: money("total_minor").notNull(),
  address: jsonb("address").$type<AddressSnapshot>().notNull(),
  note: text("note").notNull(),
  failureKind: text("failure_kind").$type<ErrorKind>(),
  failureCode: text("failure_code"),
  failureMessage: text("failure_message"),
  failureMetadata: jsonb("failure_metadata").$type<Record<string, string>>(),
  paymentDeadline: ts("payment_deadline"),
  paymentId: text("payment_id"),
  paidAt: ts("paid_at"),
  carrier: text("carrier"),
  trackingNumber: text("tracking_number"),
  shippedAt: ts("shipped_at"),
  completedAt: ts("completed_at"),
  cancelledAt: ts("cancelled_at"),
  cancelReason: text("cancel_reason"),
  userCouponId: uuid("user_coupon_id"),
  flashSaleId: uuid("flash_sale_id"),
  refundStatus: text("refund_status").$type<RefundStatus>().notNull().default("NONE"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = Omit<typeof orders.$inferInsert, "number" | "createdAt" | "updatedAt">;
/** What a change of the head row may set (never its identity; its money only in the saga's coupon step). */
export type OrderPatch = Partial<Omit<OrderRow, "id" | "number" | "userId" | "idempotencyKey" | "createdAt" | "updatedAt">>;

export const idempotencyKeyConstraint = "orders_user_idempotency_key";

/** An order's number: yyyymmdd (UTC) and the next value of a sequence. */
const nextNumber = () =>
  // At least six digits, more once the sequence needs them (lpad alone would cut them off).
  sql<string>`(select to_char(now() at time zone 'UTC', 'YYYYMMDD') || '-' || lpad(n::text, greatest(6, length(n::text)), '0') from nextval('order_number_seq') as n)`;

/** Inserts the order with its number. */
export async function insertOrder(ex: Executor, order: NewOrder): Promise<OrderRow> {
  const [row] = await ex
    .insert(orders)
    .values({ ...order, number: nextNumber() })
    .returning();
  return row!;
}

/** Inserts the order unless one with its id exists; undefined then (a redelivered event's order). */
export async function insertOrderOnce(ex: Executor, order: NewOrder): Promise<OrderRow | undefined> {
  const [row] = await ex
    .insert(orders)
    .values({ ...order, number: nextNumber() })
    .onConflictDoNothing({ target: orders.id })
    .returning();
  return row;
}

export async function findOrder(ex: Executor, id: string): Promise<OrderRow | undefined> {
  const [row] = await ex.select().from(orders).where(eq(orders.id, id));
  return row;
}

/** The order, locked for the rest of the transaction: changes of one order queue on it. */
export async function lockOrder(ex: Executor, id: string): Promise<OrderRow | undefined> {
  const [row] = await ex.select().from(orders).where(eq(orders.id, id)).for("update");
  return row;
}

export async function findByIdempotencyKey(ex: Executor, userId: string, key: string): Promise<OrderRow | undefined> {
  const [row] = await ex
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, key)));
  return row;
}

export async function updateOrder(ex: Executor, id: string, patch: OrderPatch): Promise<OrderRow> {
  const [row] = await ex
    .update(orders)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(orders.id, id))
    .returning();
  return row!;
}

/** Moves a PENDING order's saga from `from` to `to`; false when it is elsewhere (another runner moved it). */
export async function advanceSaga(ex: Executor, id: string, from: SagaStep, to: SagaStep, patch: OrderPatch = {}): Promise<boolean> {
  const moved = await ex
    .update(orders)
    .set({ ...patch, sagaStep: to, updatedAt: sql`now()` })
    .where(and(eq(orders.id, id), eq(orders.status, "PENDING"), eq(orders.sagaStep, from)))
    .returning({ id: orders.id });
  return moved.length === 1;
}

export interface OrderFilter {
  userId?: string;
  statuses?: readonly Status[];
  numberPrefix?: string;
}

/** Newest first, keyset by id (UUIDv7: time order). */
export async function listOrders(ex: Executor, filter: OrderFilter, opts: { beforeId?: string; limit: number }): Promise<OrderRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.userId ? eq(orders.userId, filter.userId) : undefined,
    filter.statuses ? sql`${orders.status} in ${filter.statuses}` : undefined,
    filter.numberPrefix ? like(orders.number, `${filter.numberPrefix}%`) : undefined,
    opts.beforeId ? lt(orders.id, opts.beforeId) : undefined,
  ];
  return ex
    .select()
    .from(orders)
    .where(and(...conditions))
    .orderBy(desc(orders.id))
    .limit(opts.limit);
}

/** Ids of PENDING orders untouched for `graceSeconds`: checkouts whose runner is gone. */
export async function stuckPending(ex: Executor, graceSeconds: number, limit: number): Promise<string[]> {
  const rows = await ex
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "PENDING"), lt(orders.updatedAt, sql`now() - make_interval(secs => ${graceSeconds})`)))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Ids of unpaid orders past their payment deadline (a lost or late OrderPaymentDue). */
export async function overdueUnpaid(ex: Executor, limit: number): Promise<string[]> {
  const rows = await ex
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "AWAITING_PAYMENT"), lt(orders.paymentDeadline, sql`now()`)))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Orders waiting for their payment, and those of them past their deadline (the partial index on payment_deadline). */
export async function unpaidCounts(ex: Executor): Promise<{ awaiting: number; overdue: number }> {
  const [row] = await ex
    .select({ awaiting: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) filter (where ${orders.paymentDeadline} < now()))::int` })
    .from(orders)
    .where(eq(orders.status, "AWAITING_PAYMENT"));
  return row ?? { awaiting: 0, overdue: 0 };
}
