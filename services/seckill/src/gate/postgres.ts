// The gate of the PostgreSQL profile: one transaction per attempt. The ticket row goes in first
// (its unique (sale_id, user_id) makes a second attempt of the shopper, even a concurrent one, find
// the first's ticket), then a conditional UPDATE takes a unit (remaining > 0; the row lock
// serialises the crowd on the sale's row), then the ticket's history and event, so a win exists
// exactly when its ticket and event do. No unit left rolls the ticket back.
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { boolean, integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Db, Executor } from "@shop/kit/db";
import { transaction } from "@shop/kit/transaction";
import { announceWins, insertWonTickets, ticketOf, tickets } from "../repo/tickets.ts";
import type { Gate, GateOutcome, GateSale, Win } from "./port.ts";

const gateSales = pgTable("gate_sales", {
  saleId: uuid("sale_id").primaryKey(),
  remaining: integer("remaining").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }).notNull(),
  ended: boolean("ended").notNull(),
});

class SoldOut extends Error {}

async function windowOf(ex: Executor, saleId: string): Promise<{ started: boolean; over: boolean } | undefined> {
  const [row] = await ex
    .select({ started: sql<boolean>`${gateSales.startsAt} <= now()`, over: sql<boolean>`(${gateSales.ended} or ${gateSales.endsAt} <= now())` })
    .from(gateSales)
    .where(eq(gateSales.saleId, saleId));
  return row;
}

export function createPostgresGate(db: Db): Gate {
  return {
    kind: "postgres",
    async load(s: GateSale) {
      await db
        .insert(gateSales)
        .values({ saleId: s.saleId, remaining: s.remaining, startsAt: s.startsAt, endsAt: s.endsAt, ended: s.ended })
        .onConflictDoNothing();
      if (s.ended) await this.end(s.saleId);
    },
    async attempt(win: Win): Promise<GateOutcome> {
      try {
        return await transaction(db, async (tx) => {
          const w = await windowOf(tx, win.saleId);
          if (!w) return { outcome: "MISSING" };
          if (w.over) return { outcome: "ENDED" };
          if (!w.started) return { outcome: "NOT_STARTED" };
          const written = await insertWonTickets(tx, [win]);
          if (!written.length) return { outcome: "HELD", ticketId: (await ticketOf(tx, win.saleId, win.userId))!.id };
          const taken = await tx
            .update(gateSales)
            .set({ remaining: sql`${gateSales.remaining} - 1` })
            .where(and(eq(gateSales.saleId, win.saleId), gt(gateSales.remaining, 0), eq(gateSales.ended, false), sql`${gateSales.endsAt} > now()`))
            .returning({ remaining: gateSales.remaining });
          if (!taken.length) throw new SoldOut();
          await announceWins(tx, written);
          return { outcome: "WON", ticketId: win.ticketId };
        });
      } catch (err) {
        if (!(err instanceof SoldOut)) throw err;
        // Rolled back; the sale may also have ended meanwhile.
        return (await windowOf(db, win.saleId))?.over ? { outcome: "ENDED" } : { outcome: "SOLD_OUT" };
      }
    },
    async end(saleId) {
      await db.update(gateSales).set({ ended: true }).where(eq(gateSales.saleId, saleId));
    },
    async giveBack(saleId, ticketId) {
      await transaction(db, async (tx) => {
        const first = await tx.execute(sql`insert into gate_returns (ticket_id) values (${ticketId}) on conflict do nothing`);
        if (first.rowCount) {
          await tx
            .update(gateSales)
            .set({ remaining: sql`${gateSales.remaining} + 1` })
            .where(eq(gateSales.saleId, saleId));
        }
      });
    },
    async remaining(saleIds) {
      if (!saleIds.length) return new Map();
      const rows = await db.select({ saleId: gateSales.saleId, remaining: gateSales.remaining }).from(gateSales).where(inArray(gateSales.saleId, saleIds));
      return new Map(rows.map((r) => [r.saleId, r.remaining]));
    },
    async ticketOf(saleId, userId) {
      return (await ticketOf(db, saleId, userId))?.id;
    },
    async holders(saleId) {
      const rows = await db.select({ id: tickets.id, userId: tickets.userId }).from(tickets).where(eq(tickets.saleId, saleId));
      return new Map(rows.map((r) => [r.userId, r.id]));
    },
    queueDepth: () => Promise.resolve(0),
    close: () => Promise.resolve(),
  };
}
