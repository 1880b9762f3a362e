// The order service's hold on a coupon, keyed by the order id (coupon_locks): lock while the order
// awaits payment, release when it fails or is cancelled, use when it is paid. Every writer takes
// the coupon's row first and the lock's row second, so two orders, a release and a payment never
// wait on each other in a circle. Each call is idempotent by the order id.
import type { Tx } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import { transaction } from "@shop/kit/transaction";
import type { Allocation, Line } from "../domain/discount.ts";
import { couponNotApplicable, couponNotAvailable, couponNotFound, lockConflict, lockReleased } from "../domain/errors.ts";
import { findCoupon, setCouponStatus } from "../repo/claims.ts";
import { findLock, insertLock, setLockStatus, type LockRow } from "../repo/locks.ts";
import { countUsed } from "../repo/templates.ts";
import type { Deps } from "./deps.ts";
import { judgeFor } from "./evaluate.ts";

export interface LockInput {
  userId: string;
  userCouponId: string;
  orderId: string;
  currency: string;
  lines: readonly Line[];
}

export interface CouponLock {
  userCouponId: string;
  orderId: string;
  discountMinor: number;
  allocations: Allocation[];
}

/** The order's lock as recorded: the same answer on every retry (even once used). */
function answer(row: LockRow, input: LockInput): CouponLock {
  if (row.status === "RELEASED") throw lockReleased(row.orderId);
  if (row.userCouponId !== input.userCouponId) throw lockConflict(row.orderId, row.userCouponId!);
  return { userCouponId: row.userCouponId, orderId: row.orderId, discountMinor: row.discountMinor, allocations: row.allocations };
}

export async function lockCoupon(d: Deps, input: LockInput): Promise<CouponLock> {
  const recorded = await findLock(d.db, input.orderId);
  if (recorded) return answer(recorded, input);
  const seen = await findCoupon(d.db, input.userCouponId);
  if (!seen || seen.userId !== input.userId) throw couponNotFound(input.userCouponId);
  // The category tree (when the scope needs it) is asked before the transaction holds any row.
  const judgeOne = await judgeFor(d, [seen.template], input.currency, input.lines);
  return transaction(d.db, async (tx) => {
    const coupon = (await findCoupon(tx, input.userCouponId, true))!;
    if (coupon.status !== "AVAILABLE") {
      // Locked meanwhile by this very order (a concurrent retry)? Then that is the answer.
      const mine = await findLock(tx, input.orderId);
      if (mine) return answer(mine, input);
      throw couponNotAvailable(coupon.id, coupon.status);
    }
    if (coupon.template.validUntil <= new Date()) throw couponNotAvailable(coupon.id, "EXPIRED");
    const judgement = judgeOne(coupon.template);
    if (!judgement.applicable) throw couponNotApplicable(coupon.id, judgement.reason);
    const { discountMinor, allocations } = judgement;
    const row = await insertLock(tx, { orderId: input.orderId, status: "LOCKED", userCouponId: coupon.id, userId: input.userId, discountMinor, allocations });
    // The order has a row after all: a release that came first (or a lock of another coupon).
    if (!row) return answer((await findLock(tx, input.orderId))!, input);
    await setCouponStatus(tx, coupon.id, "LOCKED", input.orderId);
    return { userCouponId: coupon.id, orderId: input.orderId, discountMinor, allocations };
  });
}

/**
 * The order's lock, with the coupon's and then the lock's row locked for the rest of `tx`; a release
 * recorded before any lock comes back without a coupon. Undefined when the order has no row.
 */
async function lockedRows(tx: Tx, orderId: string): Promise<LockRow | undefined> {
  const row = await findLock(tx, orderId);
  if (!row?.userCouponId) return row;
  await findCoupon(tx, row.userCouponId, true);
  return findLock(tx, orderId, true);
}

/**
 * Gives the order's locked coupon back (AVAILABLE again); a USED or released one stays as it is.
 * An order with no row is recorded as released, so a LockCoupon still in flight or arriving later
 * locks nothing. `record: false` (the event consumer, for an order that named no coupon) only
 * releases an existing lock. Answers the coupon given back, or "".
 */
export async function releaseIn(tx: Tx, orderId: string, reason: string, record = true): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const row = await lockedRows(tx, orderId);
    if (!row) {
      if (!record) return "";
      // Waits for a lock of this order being written now; when that commits, this finds its row.
      if (await insertLock(tx, { orderId, status: "RELEASED", userCouponId: null, userId: null, discountMinor: 0, allocations: [], reason })) return "";
      continue;
    }
    if (row.status !== "LOCKED" || !row.userCouponId) return "";
    await setLockStatus(tx, orderId, "RELEASED", reason);
    await setCouponStatus(tx, row.userCouponId, "AVAILABLE", null);
    return row.userCouponId;
  }
  throw new Error(`coupon lock of order ${orderId} neither found nor recorded`);
}

export async function releaseCoupon(d: Deps, orderId: string, reason: string): Promise<string> {
  return transaction(d.db, (tx) => releaseIn(tx, orderId, reason));
}

/** The order is paid: its locked coupon is USED and counted as used by its template. Idempotent. */
export async function useIn(tx: Tx, orderId: string, logger: Logger): Promise<string> {
  const row = await lockedRows(tx, orderId);
  if (!row?.userCouponId || row.status === "USED") return "";
  if (row.status === "RELEASED") {
    // Paid after its coupon was given back: the discount was granted, the coupon may be elsewhere now.
    logger.warn({ orderId, userCouponId: row.userCouponId }, "order paid after its coupon was released; coupon left as it is");
    return "";
  }
  const coupon = (await findCoupon(tx, row.userCouponId))!;
  await setLockStatus(tx, orderId, "USED", "order paid");
  await setCouponStatus(tx, coupon.id, "USED", orderId, new Date());
  await countUsed(tx, coupon.templateId);
  return coupon.id;
}
