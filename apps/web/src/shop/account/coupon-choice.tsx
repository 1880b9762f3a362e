// The coupon for this checkout: the quote judges every coupon of the shopper against the selected
// lines; the shopper picks an applicable one (the best is proposed) or none.
import { useId } from "react";
import { Link } from "react-router";
import type { Quote } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import type { TextKey } from "../../i18n/texts.ts";

export const noCoupon = "none";

/** Why a coupon does not apply, as QuoteCoupon.reason names it. */
const reasons: Record<string, TextKey | undefined> = {
  CURRENCY_MISMATCH: "coupon.reason.currency",
  NOT_IN_SCOPE: "coupon.reason.scope",
  MIN_SPEND_NOT_MET: "coupon.reason.minSpend",
  NOT_YET_VALID: "coupon.reason.notYet",
};

export function CouponChoice({ quote, value, onChange }: { quote: Quote; value: string; onChange: (v: string) => void }) {
  const t = useT();
  const f = useFormat();
  const id = useId();
  const reasonText = (r: string) => {
    const key = reasons[r];
    return key ? t(key) : r;
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("checkout.coupon")}</h2>
      {quote.coupons.length === 0 ? (
        <p className="muted">
          {t("checkout.noCoupons")} <Link to="/account/coupons">{t("checkout.getCoupons")}</Link>
        </p>
      ) : (
        <div className="field">
          <label htmlFor={id}>{t("checkout.coupon")}</label>
          <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value={noCoupon}>{t("checkout.withoutCoupon")}</option>
            {quote.coupons.map((c) => (
              <option key={c.userCouponId} value={c.userCouponId} disabled={!c.applicable}>
                {c.applicable ? `${c.name} (−${f.money(c.discountMinor, quote.currency)})` : `${c.name} (${reasonText(c.reason)})`}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
}
