// How many of a template each shopper has claimed, and the coupons they hold.
import { and, desc, eq, gt, lt, lte, sql, type SQL } from "drizzle-orm";
import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import { couponTemplates, statusIs, type TemplateRow } from "./templates.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const claimCounts = pgTable(
  "claim_counts",
  {
    templateId: uuid("template_id").notNull(),
    userId: uuid("user_id").notNull(),
    claimed: integer("claimed").notNull(),
  },
  (c) => [primaryKey({ columns: [c.templateId, c.userId] })],
);

export type CouponStatus = "AVAILABLE" | "LOCKED" | "USED";

export const userCoupons = pgTable("user_coupons", {
  id: uuid("id").primaryKey(),
  templateId: uuid("template_id").notNull(),
  userId: uuid("user_id").notNull(),
  seq: integer("seq").notNull(),
  status: text("status").$type<CouponStatus>().notNull(),
  orderId: uuid("order_id"),
  claimedAt: ts("claimed_at").notNull().defaultNow(),
  usedAt: ts("used_at"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  /** When the shopper was told it ends soon (coupon.expiring). */
  expiryNotifiedAt: ts("expiry_notified_at"),
});

export type CouponRow = typeof userCoupons.$inferSelect;
/** A coupon with its template as it is now. */
export type Coupon = CouponRow & { template: TemplateRow };

const c = userCoupons;
const t = couponTemplates;

/**
 * One more claimed by the shopper, unless that passes `limit`: the new count, or undefined. The
 * upsert locks the shopper's row, so their concurrent claims take turns and each sees the count
 * the one before left (an INSERT racing another waits for it, then updates instead).
 */
export async function countClaim(ex: Executor, templateId: string, userId: string, limit: number): Promise<number | undefined> {
  const [row] = await ex
    .insert(claimCounts)
    .values({ templateId, userId, claimed: 1 })
    .onConflictDoUpdate({
      target: [claimCounts.templateId, claimCounts.userId],
      set: { claimed: sql`${claimCounts.claimed} + 1` },
      setWhere: lt(claimCounts.claimed, limit),
    })
    .returning({ claimed: claimCounts.claimed });
  return row?.claimed;
}

export async function insertCoupon(ex: Executor, row: { id: string; templateId: string; userId: string; seq: number }): Promise<CouponRow> {
  const [created] = await ex
    .insert(c)
    .values({ ...row, status: "AVAILABLE" })
    .returning();
  return created!;
}

/** The coupon with its template; `lock` takes the coupon's row for the rest of the transaction. */
export async function findCoupon(ex: Executor, id: string, lock = false): Promise<Coupon | undefined> {
  const query = ex.select({ coupon: c, template: t }).from(c).innerJoin(t, eq(t.id, c.templateId)).where(eq(c.id, id));
  const [row] = await (lock ? query.for("update", { of: c }) : query);
  return row && { ...row.coupon, template: row.template };
}

export type MyStatus = CouponStatus | "EXPIRED";

/** What each status of a shopper's list means: EXPIRED is an AVAILABLE coupon past its template's valid_until. */
const mine: Record<MyStatus, SQL> = {
  AVAILABLE: and(eq(c.status, "AVAILABLE"), gt(t.validUntil, sql`now()`))!,
  EXPIRED: and(eq(c.status, "AVAILABLE"), lte(t.validUntil, sql`now()`))!,
  LOCKED: eq(c.status, "LOCKED"),
  USED: eq(c.status, "USED"),
};

/** The shopper's coupons, newest first, keyset by id. */
export async function listCoupons(ex: Executor, userId: string, status: MyStatus | undefined, opts: { beforeId?: string; limit: number }): Promise<Coupon[]> {
  const rows = await ex
    .select({ coupon: c, template: t })
    .from(c)
    .innerJoin(t, eq(t.id, c.templateId))
    .where(and(eq(c.userId, userId), status ? mine[status] : undefined, opts.beforeId ? lt(c.id, opts.beforeId) : undefined))
    .orderBy(desc(c.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r.coupon, template: r.template }));
}

/** The shopper's AVAILABLE coupons not past valid_until (at most 500, newest first): what an order may use. */
export async function usableCoupons(ex: Executor, userId: string): Promise<Coupon[]> {
  return listCoupons(ex, userId, "AVAILABLE", { limit: 500 });
}

/** Templates active now with some left for the shopper, with how many they hold (at most 100, newest first). */
export async function claimableFor(ex: Executor, userId: string): Promise<{ template: TemplateRow; claimedByMe: number }[]> {
  const mineClaimed = sql<number>`coalesce(${claimCounts.claimed}, 0)`;
  const rows = await ex
    .select({ template: t, claimedByMe: mineClaimed })
    .from(t)
    .leftJoin(claimCounts, and(eq(claimCounts.templateId, t.id), eq(claimCounts.userId, userId)))
    .where(and(statusIs.ACTIVE, lt(t.claimedCount, t.totalQuantity), lt(mineClaimed, t.perUserLimit)))
    .orderBy(desc(t.id))
    .limit(100);
  return rows.map((r) => ({ template: r.template, claimedByMe: Number(r.claimedByMe) }));
}

export async function setCouponStatus(ex: Executor, id: string, status: CouponStatus, orderId: string | null, usedAt?: Date): Promise<void> {
  await ex
    .update(c)
    .set({ status, orderId, updatedAt: sql`now()`, ...(usedAt ? { usedAt } : {}) })
    .where(eq(c.id, id));
}
