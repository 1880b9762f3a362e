// Creates a coupon template with every field of CreateCouponTemplateRequest. Amounts are typed in
// the currency's major unit; the API's violations are shown beside their fields, the input kept.
import { useState, type FormEvent } from "react";
import { AdminCouponService } from "@shop/contracts/shop/coupon/v1/service_pb.ts";
import { CouponKind, CouponScope } from "@shop/contracts/shop/coupon/v1/coupon_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { couponKindText, couponScopeText, enumValues } from "./labels.ts";
import { fromLocalInput, toLocalInput, toMinor, violationOf } from "./form-input.ts";

const day = 86_400_000;
const ids = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function CouponForm({ onCreated }: { onCreated: (id: string) => void }) {
  const t = useT();
  const [v, setV] = useState(() => ({
    name: "",
    description: "",
    kind: CouponKind.FIXED_AMOUNT,
    currency: "CNY",
    amountOff: "",
    percentOff: "",
    maxDiscount: "0",
    minSpend: "0",
    validFrom: toLocalInput(new Date()),
    validUntil: toLocalInput(new Date(Date.now() + 30 * day)),
    totalQuantity: "100",
    perUserLimit: "1",
    scope: CouponScope.ALL,
    categoryIds: "",
    productIds: "",
  }));
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useRpcMutation(AdminCouponService.method.createCouponTemplate, { idempotent: true, onSuccess: (tpl) => onCreated(tpl.id) });
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [key]: e.target.value });
  const err = (field: string) => local[field] ?? violationOf(create.error, field);
  const percent = v.kind === CouponKind.PERCENT_OFF;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const currency = v.currency.trim().toUpperCase();
    const bad: Record<string, string> = {};
    const amount = (field: string, text: string) => {
      const n = toMinor(text || "0", currency);
      if (n === undefined) bad[field] = t("admin.coupons.badAmount");
      return n ?? 0n;
    };
    const input = {
      name: v.name.trim(),
      description: v.description.trim(),
      kind: v.kind,
      currency,
      amountOffMinor: percent ? 0n : amount("amount_off_minor", v.amountOff),
      percentOff: percent ? Number(v.percentOff) || 0 : 0,
      maxDiscountMinor: percent ? amount("max_discount_minor", v.maxDiscount) : 0n,
      minSpendMinor: amount("min_spend_minor", v.minSpend),
      validFrom: fromLocalInput(v.validFrom),
      validUntil: fromLocalInput(v.validUntil),
      totalQuantity: Number(v.totalQuantity) || 0,
      perUserLimit: Number(v.perUserLimit) || 0,
      scope: v.scope,
      categoryIds: v.scope === CouponScope.CATEGORIES ? ids(v.categoryIds) : [],
      productIds: v.scope === CouponScope.PRODUCTS ? ids(v.productIds) : [],
    };
    if (!input.validFrom) bad.valid_from = t("admin.common.badDate");
    if (!input.validUntil) bad.valid_until = t("admin.common.badDate");
    setLocal(bad);
    if (Object.keys(bad).length === 0) create.mutate(input);
  };
  const hint = t("admin.coupons.amountHint", { currency: v.currency });
  return (
    <form className="card sales-form" onSubmit={submit} aria-labelledby="coupon-form-title" noValidate>
      <h2 id="coupon-form-title">{t("admin.coupons.new")}</h2>
      <Field label={t("admin.coupons.name")} required maxLength={100} value={v.name} onChange={set("name")} error={err("name")} />
      <div className="field">
        <label htmlFor="coupon-description">{t("admin.coupons.description")}</label>
        <textarea id="coupon-description" maxLength={1000} rows={2} value={v.description} onChange={set("description")} />
      </div>
      <div className="field">
        <label htmlFor="coupon-kind">{t("admin.coupons.kind")}</label>
        <select id="coupon-kind" value={v.kind} onChange={(e) => setV({ ...v, kind: Number(e.target.value) as CouponKind })}>
          {enumValues(couponKindText).map((k) => (
            <option key={k} value={k}>
              {t(couponKindText[k])}
            </option>
          ))}
        </select>
      </div>
      <Field label={t("admin.coupons.currency")} required maxLength={3} value={v.currency} onChange={set("currency")} error={err("currency")} />
      {percent ? (
        <>
          <Field
            label={t("admin.coupons.percentOff")}
            type="number"
            min={1}
            max={99}
            required
            value={v.percentOff}
            onChange={set("percentOff")}
            error={err("percent_off")}
          />
          <Field
            label={t("admin.coupons.maxDiscount")}
            inputMode="decimal"
            placeholder={hint}
            value={v.maxDiscount}
            onChange={set("maxDiscount")}
            error={err("max_discount_minor")}
          />
        </>
      ) : (
        <Field
          label={t("admin.coupons.amountOff")}
          inputMode="decimal"
          placeholder={hint}
          required
          value={v.amountOff}
          onChange={set("amountOff")}
          error={err("amount_off_minor")}
        />
      )}
      <Field
        label={t("admin.coupons.minSpend")}
        inputMode="decimal"
        placeholder={hint}
        value={v.minSpend}
        onChange={set("minSpend")}
        error={err("min_spend_minor")}
      />
      <Field
        label={t("admin.coupons.validFrom")}
        type="datetime-local"
        step={1}
        required
        value={v.validFrom}
        onChange={set("validFrom")}
        error={err("valid_from")}
      />
      <Field
        label={t("admin.coupons.validUntil")}
        type="datetime-local"
        step={1}
        required
        value={v.validUntil}
        onChange={set("validUntil")}
        error={err("valid_until")}
      />
      <Field
        label={t("admin.coupons.totalQuantity")}
        type="number"
        min={1}
        required
        value={v.totalQuantity}
        onChange={set("totalQuantity")}
        error={err("total_quantity")}
      />
      <Field
        label={t("admin.coupons.perUserLimit")}
        type="number"
        min={1}
        max={100}
        required
        value={v.perUserLimit}
        onChange={set("perUserLimit")}
        error={err("per_user_limit")}
      />
      <div className="field">
        <label htmlFor="coupon-scope">{t("admin.coupons.scope")}</label>
        <select id="coupon-scope" value={v.scope} onChange={(e) => setV({ ...v, scope: Number(e.target.value) as CouponScope })}>
          {enumValues(couponScopeText).map((s) => (
            <option key={s} value={s}>
              {t(couponScopeText[s])}
            </option>
          ))}
        </select>
      </div>
      {v.scope === CouponScope.CATEGORIES && (
        <Field label={t("admin.coupons.categoryIds")} value={v.categoryIds} onChange={set("categoryIds")} error={err("category_ids")} />
      )}
      {v.scope === CouponScope.PRODUCTS && (
        <Field label={t("admin.coupons.productIds")} value={v.productIds} onChange={set("productIds")} error={err("product_ids")} />
      )}
      {create.error && <ErrorBox error={create.error} />}
      <button type="submit" className="primary" disabled={create.isPending}>
        {t("admin.coupons.create")}
      </button>
    </form>
  );
}
