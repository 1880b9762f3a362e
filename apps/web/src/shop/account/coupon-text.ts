// A coupon template's rule in words: "¥10 off", "15% off, up to ¥30", "¥20 off over ¥199".
import { CouponKind, UserCouponStatus, type CouponTemplate } from "@shop/contracts/shop/coupon/v1/coupon_pb.ts";
import type { Format, Translate } from "../../i18n/i18n.tsx";
import type { TextKey } from "../../i18n/texts.ts";

export function couponRule(t: Translate, f: Format, c: CouponTemplate): string {
  const m = (v: bigint) => f.money(v, c.currency);
  const off =
    c.kind === CouponKind.PERCENT_OFF
      ? c.maxDiscountMinor > 0n
        ? t("coupon.percentCapped", { p: c.percentOff, max: m(c.maxDiscountMinor) })
        : t("coupon.percent", { p: c.percentOff })
      : t("coupon.amount", { amount: m(c.amountOffMinor) });
  return c.minSpendMinor > 0n ? `${off} ${t("coupon.minSpend", { min: m(c.minSpendMinor) })}` : off;
}

export const couponStatusKey: Record<UserCouponStatus, TextKey> = {
  [UserCouponStatus.UNSPECIFIED]: "order.status.unknown",
  [UserCouponStatus.AVAILABLE]: "coupon.status.available",
  [UserCouponStatus.LOCKED]: "coupon.status.locked",
  [UserCouponStatus.USED]: "coupon.status.used",
  [UserCouponStatus.EXPIRED]: "coupon.status.expired",
};
