// The address aggregate. Every query is scoped by user id: another user's address is simply absent.
import { and, count, desc, eq, ne, sql } from "drizzle-orm";
import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const addresses = pgTable("addresses", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  recipientName: text("recipient_name").notNull(),
  phone: text("phone").notNull(),
  countryCode: text("country_code").notNull(),
  region: text("region").notNull(),
  city: text("city").notNull(),
  district: text("district").notNull(),
  line1: text("line1").notNull(),
  line2: text("line2").notNull(),
  postalCode: text("postal_code").notNull(),
  isDefault: boolean("is_default").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type AddressRow = typeof addresses.$inferSelect;
export type AddressFields = Pick<AddressRow, "recipientName" | "phone" | "countryCode" | "region" | "city" | "district" | "line1" | "line2" | "postalCode">;

const owned = (userId: string, id: string) => and(eq(addresses.userId, userId), eq(addresses.id, id));

export async function listAddresses(ex: Executor, userId: string): Promise<AddressRow[]> {
  return ex.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.isDefault), desc(addresses.createdAt), desc(addresses.id));
}

export async function countAddresses(ex: Executor, userId: string): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId));
  return row?.n ?? 0;
}

export async function findAddress(ex: Executor, userId: string, id: string): Promise<AddressRow | undefined> {
  const [row] = await ex.select().from(addresses).where(owned(userId, id));
  return row;
}

export async function insertAddress(ex: Executor, row: AddressFields & Pick<AddressRow, "id" | "userId" | "isDefault">): Promise<AddressRow> {
  const [inserted] = await ex.insert(addresses).values(row).returning();
  return inserted!;
}

export async function updateAddress(ex: Executor, userId: string, id: string, patch: Partial<AddressFields>): Promise<AddressRow | undefined> {
  const [row] = await ex
    .update(addresses)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(owned(userId, id))
    .returning();
  return row;
}

export async function deleteAddress(ex: Executor, userId: string, id: string): Promise<AddressRow | undefined> {
  const [row] = await ex.delete(addresses).where(owned(userId, id)).returning();
  return row;
}

/** Clears the user's default except on `keepId`; must run before another row becomes default (the unique index). */
export async function clearDefault(ex: Executor, userId: string, keepId?: string): Promise<void> {
  await ex
    .update(addresses)
    .set({ isDefault: false, updatedAt: sql`now()` })
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true), keepId ? ne(addresses.id, keepId) : undefined));
}

export async function makeDefault(ex: Executor, userId: string, id: string): Promise<AddressRow | undefined> {
  const [row] = await ex
    .update(addresses)
    .set({ isDefault: true, updatedAt: sql`now()` })
    .where(owned(userId, id))
    .returning();
  return row;
}

/** Makes the most recently updated address the default (after the default was deleted). */
export async function promoteLatest(ex: Executor, userId: string): Promise<void> {
  const [latest] = await ex
    .select({ id: addresses.id })
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.updatedAt), desc(addresses.id))
    .limit(1);
  if (latest) await makeDefault(ex, userId, latest.id);
}
