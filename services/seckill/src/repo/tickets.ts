// The ticket aggregate: one row per won attempt, and the record of every status change. Won
// tickets are written in batches (the drainer) or one at a time (the PostgreSQL gate) by the same
// function, which also writes each new ticket's event to the outbox.
import { context } from "@opentelemetry/api";
import { and, eq, inArray, sql } from "drizzle-orm";
import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 } from "uuid";
import type { Executor, Tx } from "@shop/kit/db";
import { extractTraceContext } from "@shop/kit/telemetry";
import type { Cause, TicketStatus } from "../domain/ticket.ts";
import { publishAttemptWon } from "../events/publish.ts";
import type { Win } from "../gate/port.ts";

export const tickets = pgTable("tickets", {
  id: uuid("id").primaryKey(),
  saleId: uuid("sale_id").notNull(),
  userId: uuid("user_id").notNull(),
  addressId: uuid("address_id").notNull(),
  status: text("status").$type<TicketStatus>().notNull(),
  reason: text("reason").notNull(),
  unitReturned: boolean("unit_returned").notNull(),
  wonAt: timestamp("won_at", { withTimezone: true, mode: "date" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
});

export const ticketHistory = pgTable("ticket_history", {
  id: uuid("id").primaryKey(),
  ticketId: uuid("ticket_id").notNull(),
  fromStatus: text("from_status").$type<TicketStatus>(),
  toStatus: text("to_status").$type<TicketStatus>().notNull(),
  actor: text("actor").notNull(),
  reason: text("reason").notNull(),
  at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type TicketRow = typeof tickets.$inferSelect;

const wonCause: Cause = { actor: "seckill", reason: "attempt won" };

/** Writes the tickets that are not there yet (a redrained or a shopper's second is left out); returns those written now. */
export async function insertWonTickets(tx: Tx, wins: Win[]): Promise<Win[]> {
  if (!wins.length) return [];
  const inserted = await tx
    .insert(tickets)
    .values(
      wins.map((w) => ({
        id: w.ticketId,
        saleId: w.saleId,
        userId: w.userId,
        addressId: w.addressId,
        status: "QUEUED" as const,
        reason: "",
        unitReturned: false,
        wonAt: new Date(w.wonAtMs),
        updatedAt: new Date(w.wonAtMs),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: tickets.id });
  const fresh = new Set(inserted.map((r) => r.id));
  return wins.filter((w) => fresh.has(w.ticketId));
}

/** The first history row and the won-attempt event of tickets just written, each event in the trace of its attempt. */
export async function announceWins(tx: Tx, written: Win[]): Promise<void> {
  if (!written.length) return;
  await tx.insert(ticketHistory).values(written.map((w) => ({ id: v7(), ticketId: w.ticketId, fromStatus: null, toStatus: "QUEUED" as const, ...wonCause })));
  for (const w of written) {
    await context.with(extractTraceContext(new Headers(w.trace)), () => publishAttemptWon(tx, w));
  }
}

/** Both: what the drainer does with a batch. Returns the ids written now. */
export async function recordWins(tx: Tx, wins: Win[]): Promise<string[]> {
  const written = await insertWonTickets(tx, wins);
  await announceWins(tx, written);
  return written.map((w) => w.ticketId);
}

export async function findTicket(ex: Executor, id: string, lock?: "wait"): Promise<TicketRow | undefined> {
  const query = ex.select().from(tickets).where(eq(tickets.id, id));
  const [row] = await (lock ? query.for("update") : query);
  return row;
}

export async function ticketOf(ex: Executor, saleId: string, userId: string): Promise<TicketRow | undefined> {
  const [row] = await ex
    .select()
    .from(tickets)
    .where(and(eq(tickets.saleId, saleId), eq(tickets.userId, userId)));
  return row;
}

export async function setTicketStatus(
  tx: Tx,
  t: TicketRow,
  to: TicketStatus,
  cause: Cause,
  change: { reason?: string; unitReturned?: boolean } = {},
): Promise<void> {
  await tx
    .update(tickets)
    .set({ status: to, updatedAt: sql`now()`, ...change })
    .where(eq(tickets.id, t.id));
  await tx.insert(ticketHistory).values({ id: v7(), ticketId: t.id, fromStatus: t.status, toStatus: to, ...cause });
}

/** Whether some won ticket of the sale has not become an order (nor failed) yet. */
export async function hasQueued(ex: Executor, saleId: string): Promise<boolean> {
  const rows = await ex
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.saleId, saleId), eq(tickets.status, "QUEUED")))
    .limit(1);
  return rows.length > 0;
}

export async function historyOf(ex: Executor, ticketId: string) {
  return ex.select().from(ticketHistory).where(eq(ticketHistory.ticketId, ticketId)).orderBy(ticketHistory.id);
}

/** What rebuilds a sale's gate entry: who holds a ticket, and whose unit went back. */
export async function holdersOf(ex: Executor, saleId: string): Promise<{ holders: Map<string, string>; returned: string[] }> {
  const rows = await ex.select({ id: tickets.id, userId: tickets.userId, unitReturned: tickets.unitReturned }).from(tickets).where(eq(tickets.saleId, saleId));
  return { holders: new Map(rows.map((r) => [r.userId, r.id])), returned: rows.filter((r) => r.unitReturned).map((r) => r.id) };
}

export interface SaleCounts {
  won: number;
  ordered: number;
  paid: number;
  /** Tickets whose unit went back to the sale. */
  returned: number;
}

/** Per sale: tickets won, orders made from them (whatever became of them), orders paid. */
export async function countsOf(ex: Executor, saleIds: string[]): Promise<Map<string, SaleCounts>> {
  if (!saleIds.length) return new Map();
  const rows = await ex
    .select({
      saleId: tickets.saleId,
      won: sql<number>`count(*)::int`,
      ordered: sql<number>`(count(*) filter (where ${tickets.status} in ('ORDERED', 'PAID', 'CANCELLED')))::int`,
      paid: sql<number>`(count(*) filter (where ${tickets.status} = 'PAID'))::int`,
      returned: sql<number>`(count(*) filter (where ${tickets.unitReturned}))::int`,
    })
    .from(tickets)
    .where(inArray(tickets.saleId, saleIds))
    .groupBy(tickets.saleId);
  return new Map(rows.map((r) => [r.saleId, { won: r.won, ordered: r.ordered, paid: r.paid, returned: r.returned }]));
}
