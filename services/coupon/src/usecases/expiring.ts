// The "coupon expiring" notices: every few minutes, each unused coupon ending within the window
// gets one coupon.expiring, written to the outbox in the transaction that marks it told, so each
// is told once whatever the instances.
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { couponv1, events } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import { startPeriodic, type Periodic } from "@shop/kit/periodic";
import { transaction } from "@shop/kit/transaction";
import { dueExpiring, markExpiryNotified } from "../repo/expiring.ts";
import type { Deps } from "./deps.ts";

const batch = 500;

/** One round: how many coupons' holders were told. */
export async function announceExpiringCoupons(d: Deps, windowSeconds: number): Promise<number> {
  return transaction(d.db, async (tx) => {
    const due = await dueExpiring(tx, windowSeconds, batch);
    for (const e of due) {
      await enqueue(tx, events.couponExpiring, create(couponv1.CouponExpiringSchema, { ...e, validUntil: timestampFromDate(e.validUntil) }));
    }
    await markExpiryNotified(
      tx,
      due.map((e) => e.userCouponId),
    );
    return due.length;
  });
}

export function startExpiringNotices(d: Deps, everySeconds: () => number, windowSeconds: () => number): Periodic {
  return startPeriodic(
    "coupon expiring notices",
    everySeconds,
    async () => {
      const n = await announceExpiringCoupons(d, windowSeconds());
      if (n) d.logger.info({ coupons: n }, "coupon holders told of the coming end");
    },
    d.logger,
  );
}
