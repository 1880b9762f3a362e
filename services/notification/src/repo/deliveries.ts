// Deliveries of messages per channel. The worker claims due rows with a lease (next_attempt_at
// pushed past it, attempts counted) in one statement that skips rows another instance holds, sends
// outside any transaction, then records the outcome.
import { eq, sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { ChannelName } from "../domain/delivery.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const deliveries = pgTable("deliveries", {
  id: uuid("id").primaryKey(),
  notificationId: uuid("notification_id").notNull(),
  channel: text("channel").$type<ChannelName>().notNull(),
  recipient: text("recipient").notNull(),
  status: text("status").$type<"pending" | "sent" | "failed">().notNull(),
  attempts: integer("attempts").notNull(),
  nextAttemptAt: ts("next_attempt_at").notNull(),
  lastError: text("last_error").notNull(),
  sentAt: ts("sent_at"),
  createdAt: ts("created_at").notNull(),
});

export async function insertDelivery(ex: Executor, row: { id: string; notificationId: string; channel: ChannelName; recipient: string }): Promise<void> {
  await ex.insert(deliveries).values({ ...row, status: "pending", attempts: 0, nextAttemptAt: sql`now()`, lastError: "", createdAt: sql`now()` });
}

export interface DueDelivery {
  id: string;
  channel: ChannelName;
  recipient: string;
  attempts: number;
  userId: string;
  title: string;
  body: string;
}

/** Up to `limit` due deliveries, each now held for `leaseSeconds` and its attempt counted. */
export async function claimDue(ex: Executor, limit: number, leaseSeconds: number): Promise<DueDelivery[]> {
  const result = await ex.execute<{ id: string; channel: ChannelName; recipient: string; attempts: number; user_id: string; title: string; body: string }>(sql`
    with due as (
      select id from deliveries where status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at limit ${limit} for update skip locked
    ), claimed as (
      update deliveries d set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
      from due where d.id = due.id
      returning d.id, d.notification_id, d.channel, d.recipient, d.attempts
    )
    select c.id, c.channel, c.recipient, c.attempts, n.user_id, n.title, n.body
    from claimed c join notifications n on n.id = c.notification_id`);
  return result.rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    attempts: r.attempts,
    userId: r.user_id,
    title: r.title,
    body: r.body,
  }));
}

export async function markSent(ex: Executor, id: string): Promise<void> {
  await ex
    .update(deliveries)
    .set({ status: "sent", sentAt: sql`now()`, lastError: "" })
    .where(eq(deliveries.id, id));
}

/** A failed attempt: tried again after `retryInSeconds`, or given up when undefined. */
export async function markFailedAttempt(ex: Executor, id: string, error: string, retryInSeconds: number | undefined): Promise<void> {
  await ex
    .update(deliveries)
    .set(
      retryInSeconds === undefined
        ? { status: "failed", lastError: error }
        : { lastError: error, nextAttemptAt: sql`now() + make_interval(secs => ${retryInSeconds})` },
    )
    .where(eq(deliveries.id, id));
}
