// What the SMS sandbox provider "sent": one row per message, newest first.
import { desc, eq } from "drizzle-orm";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export const sandboxSms = pgTable("sandbox_sms", {
  id: uuid("id").primaryKey(),
  phone: text("phone").notNull(),
  body: text("body").notNull(),
  sentAt: timestamp("sent_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
});

export type SandboxSmsRow = typeof sandboxSms.$inferSelect;

export async function recordSms(ex: Executor, row: { id: string; phone: string; body: string }): Promise<void> {
  await ex.insert(sandboxSms).values(row);
}

export async function listSms(ex: Executor, opts: { phone: string; limit: number }): Promise<SandboxSmsRow[]> {
  return ex
    .select()
    .from(sandboxSms)
    .where(opts.phone ? eq(sandboxSms.phone, opts.phone) : undefined)
    .orderBy(desc(sandboxSms.id))
    .limit(opts.limit);
}
