// The template aggregate: its terms, counts and early end. Claims go through takeOne, a
// conditional UPDATE whose row lock queues concurrent claimers and whose WHERE re-checks, after
// each wait, that one is left: nothing else ever raises claimed_count.
import { and, desc, eq, gt, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { bigint, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { Kind, Scope, TemplateStatus } from "../domain/template.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });
const money = (name: string) => bigint(name, { mode: "number" });

export const couponTemplates = pgTable("coupon_templates", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  kind: text("kind").$type<Kind>().notNull(),
  currency: text("currency").notNull(),
  amountOffMinor: money("amount_off_minor").notNull(),
  percentOff: integer("percent_off").notNull(),
  maxDiscountMinor: money("max_discount_minor").notNull(),
  minSpendMinor: money("min_spend_minor").notNull(),
  validFrom: ts("valid_from").notNull(),
  validUntil: ts("valid_until").notNull(),
  totalQuantity: integer("total_quantity").notNull(),
  perUserLimit: integer("per_user_limit").notNull(),
  scope: text("scope").$type<Scope>().notNull(),
  categoryIds: uuid("category_ids").array().notNull(),
  productIds: uuid("product_ids").array().notNull(),
  claimedCount: integer("claimed_count").notNull().default(0),
  usedCount: integer("used_count").notNull().default(0),
  endedAt: ts("ended_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export type TemplateRow = typeof couponTemplates.$inferSelect;
export type NewTemplateRow = Omit<typeof couponTemplates.$inferInsert, "claimedCount" | "usedCount" | "endedAt" | "createdAt">;

const t = couponTemplates;
const now = sql`now()`;

/** The SQL of each derived status (domain/template.ts statusAt, at the database's clock). */
export const statusIs: Record<TemplateStatus, SQL> = {
  SCHEDULED: and(isNull(t.endedAt), gt(t.validFrom, now))!,
  ACTIVE: and(isNull(t.endedAt), lte(t.validFrom, now), gt(t.validUntil, now))!,
  ENDED: or(isNotNull(t.endedAt), lte(t.validUntil, now))!,
};

export async function insertTemplate(ex: Executor, row: NewTemplateRow): Promise<TemplateRow> {
  const [created] = await ex.insert(t).values(row).returning();
  return created!;
}

export async function findTemplate(ex: Executor, id: string): Promise<TemplateRow | undefined> {
  const [row] = await ex.select().from(t).where(eq(t.id, id));
  return row;
}

/** Newest first, keyset by id (UUIDv7: time order). */
export async function listTemplates(ex: Executor, filter: { status?: TemplateStatus }, opts: { beforeId?: string; limit: number }): Promise<TemplateRow[]> {
  return ex
    .select()
    .from(t)
    .where(and(filter.status ? statusIs[filter.status] : undefined, opts.beforeId ? lt(t.id, opts.beforeId) : undefined))
    .orderBy(desc(t.id))
    .limit(opts.limit);
}

/**
 * Ends the template now unless it has ended already (early or by its window): ended_at keeps its
 * first value, so ending twice answers the same. Undefined when there is no such template.
 */
export async function endTemplate(ex: Executor, id: string): Promise<TemplateRow | undefined> {
  const [row] = await ex
    .update(t)
    .set({ endedAt: sql`case when ${t.endedAt} is null and ${t.validUntil} > now() then now() else ${t.endedAt} end` })
    .where(eq(t.id, id))
    .returning();
  return row;
}

/** Counts one more claimed when the template is active and one is left; undefined when not. */
export async function takeOne(ex: Executor, id: string): Promise<TemplateRow | undefined> {
  const [row] = await ex
    .update(t)
    .set({ claimedCount: sql`${t.claimedCount} + 1` })
    .where(and(eq(t.id, id), statusIs.ACTIVE, lt(t.claimedCount, t.totalQuantity)))
    .returning();
  return row;
}

export async function countUsed(ex: Executor, id: string): Promise<void> {
  await ex
    .update(t)
    .set({ usedCount: sql`${t.usedCount} + 1` })
    .where(eq(t.id, id));
}
