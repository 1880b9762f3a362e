// What a template takes off, in words: "¥10.00 off from ¥100.00", "15% off, at most ¥20.00".
import { CouponKind, type CouponTemplate } from "@shop/contracts/shop/coupon/v1/coupon_pb.ts";
import type { Format, Translate } from "../../i18n/i18n.tsx";

export function couponValue(c: CouponTemplate, t: Translate, f: Format): string {
  const money = (n: bigint) => f.money(n, c.currency);
  const parts = [
    c.kind === CouponKind.PERCENT_OFF ? t("admin.coupons.offPercent", { n: c.percentOff }) : t("admin.coupons.offFixed", { amount: money(c.amountOffMinor) }),
  ];
  if (c.kind === CouponKind.PERCENT_OFF && c.maxDiscountMinor > 0n) parts.push(t("admin.coupons.capped", { amount: money(c.maxDiscountMinor) }));
  if (c.minSpendMinor > 0n) parts.push(t("admin.coupons.minimum", { amount: money(c.minSpendMinor) }));
  return parts.join(", ");
}
