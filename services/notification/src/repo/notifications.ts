// The inbox: messages per shopper, newest first (ids are UUIDv7), read or not.
import { and, count, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { NotificationType } from "../domain/messages.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const notifications = pgTable("notifications", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  type: text("type").$type<NotificationType>().notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  subjectId: text("subject_id").notNull(),
  readAt: ts("read_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export type NotificationRow = typeof notifications.$inferSelect;
const n = notifications;

export async function insertNotification(ex: Executor, row: Omit<NotificationRow, "readAt" | "createdAt">): Promise<void> {
  await ex.insert(n).values(row);
}

export async function listNotifications(
  ex: Executor,
  userId: string,
  opts: { unreadOnly: boolean; beforeId?: string; limit: number },
): Promise<NotificationRow[]> {
  return ex
    .select()
    .from(n)
    .where(and(eq(n.userId, userId), opts.unreadOnly ? isNull(n.readAt) : undefined, opts.beforeId ? lt(n.id, opts.beforeId) : undefined))
    .orderBy(desc(n.id))
    .limit(opts.limit);
}

export async function countUnread(ex: Executor, userId: string): Promise<number> {
  const [row] = await ex
    .select({ unread: count() })
    .from(n)
    .where(and(eq(n.userId, userId), isNull(n.readAt)));
  return row?.unread ?? 0;
}

/** Marks the shopper's message read (keeping the first read time); undefined when it is not theirs. */
export async function markRead(ex: Executor, userId: string, id: string): Promise<NotificationRow | undefined> {
  const [row] = await ex
    .update(n)
    .set({ readAt: sql`coalesce(${n.readAt}, now())` })
    .where(and(eq(n.id, id), eq(n.userId, userId)))
    .returning();
  return row;
}

/** Marks every unread message of the shopper read; how many were unread. */
export async function markAllRead(ex: Executor, userId: string): Promise<number> {
  const rows = await ex
    .update(n)
    .set({ readAt: sql`now()` })
    .where(and(eq(n.userId, userId), isNull(n.readAt)))
    .returning({ id: n.id });
  return rows.length;
}
