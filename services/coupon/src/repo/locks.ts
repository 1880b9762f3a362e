// The orders' locks on coupons, keyed by the order id. The row outlives the lock: RELEASED and
// USED rows answer retries and tell a late LockCoupon that the order let go of its coupon.
import { eq, sql } from "drizzle-orm";
import { bigint, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { Allocation } from "../domain/discount.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export type LockStatus = "LOCKED" | "RELEASED" | "USED";

export const couponLocks = pgTable("coupon_locks", {
  orderId: uuid("order_id").primaryKey(),
  status: text("status").$type<LockStatus>().notNull(),
  userCouponId: uuid("user_coupon_id"),
  userId: uuid("user_id"),
  discountMinor: bigint("discount_minor", { mode: "number" }).notNull().default(0),
  allocations: jsonb("allocations").$type<Allocation[]>().notNull().default([]),
  reason: text("reason").notNull().default(""),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type LockRow = typeof couponLocks.$inferSelect;
type NewLock = Pick<typeof couponLocks.$inferInsert, "orderId" | "status" | "userCouponId" | "userId" | "discountMinor" | "allocations" | "reason">;

/**
 * Records the order's lock unless the order has a row; undefined when it has. A concurrent insert
 * for the same order waits here until the other transaction ends, then finds its row.
 */
export async function insertLock(ex: Executor, row: NewLock): Promise<LockRow | undefined> {
  const [created] = await ex.insert(couponLocks).values(row).onConflictDoNothing().returning();
  return created;
}

export async function findLock(ex: Executor, orderId: string, lock = false): Promise<LockRow | undefined> {
  const query = ex.select().from(couponLocks).where(eq(couponLocks.orderId, orderId));
  const [row] = await (lock ? query.for("update") : query);
  return row;
}

export async function setLockStatus(ex: Executor, orderId: string, status: LockStatus, reason: string): Promise<void> {
  await ex
    .update(couponLocks)
    .set({ status, reason, updatedAt: sql`now()` })
    .where(eq(couponLocks.orderId, orderId));
}
