// The provider events seen, by (provider, event id): written in the transaction of the change the
// event makes, so a replayed or redelivered event finds its row and is not applied again.
import { and, eq } from "drizzle-orm";
import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export const webhookEvents = pgTable(
  "webhook_events",
  {
    provider: text("provider").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    paymentId: uuid("payment_id").notNull(),
    outcome: text("outcome").$type<"applied" | "ignored">().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

/**
 * Claims the event for this transaction; false when it was recorded before (a duplicate). A
 * concurrent duplicate waits on the first one's row and then finds it.
 */
export async function claimEvent(ex: Executor, e: { provider: string; eventId: string; type: string; paymentId: string }): Promise<boolean> {
  const rows = await ex
    .insert(webhookEvents)
    .values({ ...e, outcome: "applied" })
    .onConflictDoNothing()
    .returning({ eventId: webhookEvents.eventId });
  return rows.length > 0;
}

export async function markIgnored(ex: Executor, provider: string, eventId: string): Promise<void> {
  await ex
    .update(webhookEvents)
    .set({ outcome: "ignored" })
    .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventId, eventId)));
}
