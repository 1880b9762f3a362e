// CouponInternalService: for the order service only (the proto's ACCESS_INTERNAL, checked by the kit).
import type { ServiceImpl } from "@connectrpc/connect";
import type { couponv1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { evaluateCoupons } from "../usecases/evaluate.ts";
import { lockCoupon, releaseCoupon } from "../usecases/locks.ts";
import { toLines, toLock, toOptions } from "./mapping.ts";

export function couponInternalService(d: Deps): ServiceImpl<typeof couponv1.CouponInternalService> {
  return {
    async evaluateCoupons(req) {
      const e = await evaluateCoupons(d, req.userId, req.currency, toLines(req.lines));
      return { options: toOptions(e.options), bestUserCouponId: e.best?.coupon.id ?? "" };
    },
    async lockCoupon(req) {
      const { userId, userCouponId, orderId, currency } = req;
      return toLock(await lockCoupon(d, { userId, userCouponId, orderId, currency, lines: toLines(req.lines) }));
    },
    async releaseCoupon(req) {
      return { userCouponId: await releaseCoupon(d, req.orderId, req.reason) };
    },
  };
}
