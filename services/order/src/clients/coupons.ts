// The coupon service's internal API: it owns every discount rule; we send it the priced lines and
// store what it answers (the discount and each line's share of it).
import { createClient, type Transport } from "@connectrpc/connect";
import { couponv1 } from "@shop/contracts";
import type { CouponLine, CouponOption, LineShares } from "../domain/coupons.ts";
import { upstream } from "@shop/kit/rpc/upstream";

export interface CouponLockInput {
  userId: string;
  userCouponId: string;
  orderId: string;
  currency: string;
  lines: CouponLine[];
}

export interface Coupons {
  /** The user's AVAILABLE coupons judged against the lines, applicable ones first, and the best one ("" for none). */
  evaluate(userId: string, currency: string, lines: CouponLine[]): Promise<{ options: CouponOption[]; bestUserCouponId: string }>;
  /** Locks the coupon for the order (idempotent by order id); COUPON_NOT_AVAILABLE / COUPON_NOT_APPLICABLE when it cannot. */
  lock(input: CouponLockInput): Promise<{ discountMinor: number; shares: LineShares }>;
  /** Gives back the order's locked coupon, if any (idempotent). */
  release(orderId: string, reason: string): Promise<void>;
}

const toLines = (lines: CouponLine[]) => lines.map((l) => ({ ...l, subtotalMinor: BigInt(l.subtotalMinor) }));
const sharesOf = (allocations: couponv1.LineDiscount[]): LineShares => new Map(allocations.map((a) => [a.skuId, Number(a.discountMinor)] as const));

export function couponsOver(transport: Transport): Coupons {
  const client = createClient(couponv1.CouponInternalService, transport);
  return {
    async evaluate(userId, currency, lines) {
      const res = await upstream("coupon", () => client.evaluateCoupons({ userId, currency, lines: toLines(lines) }));
      return {
        bestUserCouponId: res.bestUserCouponId,
        options: res.options.map((o) => ({
          userCouponId: o.coupon?.id ?? "",
          name: o.coupon?.template?.name ?? "",
          applicable: o.applicable,
          reason: o.reason,
          discountMinor: Number(o.discountMinor),
          shares: sharesOf(o.allocations),
        })),
      };
    },
    async lock({ lines, ...input }) {
      const res = await upstream("coupon", () => client.lockCoupon({ ...input, lines: toLines(lines) }));
      return { discountMinor: Number(res.discountMinor), shares: sharesOf(res.allocations) };
    },
    async release(orderId, reason) {
      await upstream("coupon", () => client.releaseCoupon({ orderId, reason: reason.slice(0, 200) || "order not placed" }));
    },
  };
}
