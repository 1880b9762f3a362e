// A shopper's preferences; a shopper without a row has the defaults.
import { eq, sql } from "drizzle-orm";
import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { Language, NotificationType } from "../domain/messages.ts";

export const preferences = pgTable("preferences", {
  userId: uuid("user_id").primaryKey(),
  language: text("language").$type<Language>().notNull(),
  optedOut: text("opted_out").array().$type<NotificationType[]>().notNull(),
  emailEnabled: boolean("email_enabled").notNull(),
  smsEnabled: boolean("sms_enabled").notNull(),
  phone: text("phone").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
});

export type Preferences = Omit<typeof preferences.$inferSelect, "updatedAt">;

export const defaultPreferences = (userId: string): Preferences => ({
  userId,
  language: "en",
  optedOut: [],
  emailEnabled: false,
  smsEnabled: false,
  phone: "",
});

export async function findPreferences(ex: Executor, userId: string): Promise<Preferences> {
  const [row] = await ex.select().from(preferences).where(eq(preferences.userId, userId));
  return row ?? defaultPreferences(userId);
}

export async function savePreferences(ex: Executor, p: Preferences): Promise<Preferences> {
  const set = { language: p.language, optedOut: p.optedOut, emailEnabled: p.emailEnabled, smsEnabled: p.smsEnabled, phone: p.phone, updatedAt: sql`now()` };
  const [row] = await ex.insert(preferences).values(p).onConflictDoUpdate({ target: preferences.userId, set }).returning();
  return row!;
}
