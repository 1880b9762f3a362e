// The reservation aggregate: the reservation row (keyed by the order id) and its lines.
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { Line, ReservationStatus } from "../domain/reservation.ts";

/** Who changed a reservation's status, and why. */
type Cause = { actor: string; reason: string };

export const reservations = pgTable("reservations", {
  orderId: uuid("order_id").primaryKey(),
  status: text("status").$type<ReservationStatus>().notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  changedBy: text("changed_by").notNull(),
  changeReason: text("change_reason").notNull(),
  /** The reservation this one drew its units from (ReserveRequest.from_reservation_id), if any. */
  parentOrderId: uuid("parent_order_id"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const reservationLines = pgTable(
  "reservation_lines",
  {
    orderId: uuid("order_id").notNull(),
    skuId: uuid("sku_id").notNull(),
    quantity: integer("quantity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.skuId] })],
);

export type ReservationRow = typeof reservations.$inferSelect;
export type Reservation = ReservationRow & { lines: Line[] };

/**
 * Creates the reservation unless the order has one; undefined when it has. A concurrent insert of
 * the same order waits here until the other transaction ends, so only one of them goes on to
 * reserve stock (and when that one rolls back, this one does).
 */
export async function insertReservation(
  ex: Executor,
  orderId: string,
  status: ReservationStatus,
  ttlSeconds: number,
  cause: Cause,
  parentOrderId?: string,
): Promise<ReservationRow | undefined> {
  const [row] = await ex
    .insert(reservations)
    .values({
      orderId,
      status,
      expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})`,
      changedBy: cause.actor,
      changeReason: cause.reason,
      parentOrderId: parentOrderId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** The reservation; `lock` takes its row for the rest of the transaction ("skip": unless another has it). */
export async function findReservation(ex: Executor, orderId: string, lock?: "wait" | "skip"): Promise<ReservationRow | undefined> {
  const query = ex.select().from(reservations).where(eq(reservations.orderId, orderId));
  const [row] = await (lock === "wait" ? query.for("update") : lock === "skip" ? query.for("update", { skipLocked: true }) : query);
  return row;
}

/** The lines in sku_id order: the order every writer locks stock rows in. */
export async function linesOf(ex: Executor, orderId: string): Promise<Line[]> {
  return ex
    .select({ skuId: reservationLines.skuId, quantity: reservationLines.quantity })
    .from(reservationLines)
    .where(eq(reservationLines.orderId, orderId))
    .orderBy(asc(reservationLines.skuId));
}

export async function insertLines(ex: Executor, orderId: string, lines: Line[]): Promise<void> {
  await ex.insert(reservationLines).values(lines.map((l) => ({ orderId, ...l })));
}

/**
 * Sets a reservation's line of `skuId` to `quantity` (a draw from a parent): the line goes when
 * nothing is left of it. The caller holds the reservation's row, which every writer of its lines takes first.
 */
export async function setLineQuantity(ex: Executor, orderId: string, skuId: string, quantity: number): Promise<void> {
  const line = and(eq(reservationLines.orderId, orderId), eq(reservationLines.skuId, skuId));
  if (quantity === 0) await ex.delete(reservationLines).where(line);
  else await ex.update(reservationLines).set({ quantity }).where(line);
}

/** Adds `lines` to a reservation's lines (a child's units given back to its parent), creating those it has no more. */
export async function addToLines(ex: Executor, orderId: string, lines: readonly Line[]): Promise<void> {
  if (!lines.length) return;
  await ex
    .insert(reservationLines)
    .values(lines.map((l) => ({ orderId, ...l })))
    .onConflictDoUpdate({
      target: [reservationLines.orderId, reservationLines.skuId],
      set: { quantity: sql`${reservationLines.quantity} + excluded.quantity` },
    });
}

export async function setStatus(ex: Executor, orderId: string, status: ReservationStatus, cause: Cause): Promise<ReservationRow> {
  const [row] = await ex
    .update(reservations)
    .set({ status, changedBy: cause.actor, changeReason: cause.reason, updatedAt: sql`now()` })
    .where(eq(reservations.orderId, orderId))
    .returning();
  return row!;
}

/** Up to `limit` open reservations past their expiry, oldest first. */
export async function expiredOpen(ex: Executor, limit: number): Promise<string[]> {
  const rows = await ex
    .select({ orderId: reservations.orderId })
    .from(reservations)
    .where(and(eq(reservations.status, "open"), lte(reservations.expiresAt, sql`now()`)))
    .orderBy(asc(reservations.expiresAt))
    .limit(limit);
  return rows.map((r) => r.orderId);
}

/** The reservation with its lines, or undefined. */
export async function findWithLines(ex: Executor, orderId: string): Promise<Reservation | undefined> {
  const row = await findReservation(ex, orderId);
  return row && { ...row, lines: await linesOf(ex, orderId) };
}
