// Schedules a flash sale: a product's SKU (picked from the product's SKUs with their price and stock),
// the sale price, the quantity set aside, and the window. Each shopper can win one unit of a sale:
// that is the API's rule, there is no per-sale limit to set.
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import { AdminFlashSaleService } from "@shop/contracts/shop/seckill/v1/service_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { ErrorBox, Loading } from "../../ui/status.tsx";
import { fromLocalInput, toLocalInput, toMinor, violationOf } from "./form-input.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const minute = 60_000;

export function FlashSaleForm({ onScheduled }: { onScheduled: () => void }) {
  const t = useT();
  const f = useFormat();
  const [productId, setProductId] = useState("");
  const [skuId, setSkuId] = useState("");
  const [price, setPrice] = useState("");
  const [quantity, setQuantity] = useState("10");
  const [startsAt, setStartsAt] = useState(() => toLocalInput(new Date(Date.now() + 10 * minute)));
  const [endsAt, setEndsAt] = useState(() => toLocalInput(new Date(Date.now() + 70 * minute)));
  const [local, setLocal] = useState<Record<string, string>>({});
  const id = productId.trim();
  const product = useQuery({ ...rpcQuery(AdminCatalogService.method.adminGetProduct, { productId: id }), enabled: uuid.test(id), retry: false });
  const skus = product.data?.skus ?? [];
  const sku = skus.find((s) => s.id === skuId) ?? (skus.length === 1 ? skus[0] : undefined);
  const schedule = useRpcMutation(AdminFlashSaleService.method.scheduleFlashSale, { idempotent: true, onSuccess: onScheduled });
  const err = (field: string) => local[field] ?? violationOf(schedule.error, field);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    const priceMinor = toMinor(price, sku?.currency ?? "CNY");
    if (!sku) bad.sku_id = t("admin.flash.pickSku");
    if (priceMinor === undefined) bad.sale_price_minor = t("admin.coupons.badAmount");
    const from = fromLocalInput(startsAt);
    const to = fromLocalInput(endsAt);
    if (!from) bad.starts_at = t("admin.common.badDate");
    if (!to) bad.ends_at = t("admin.common.badDate");
    setLocal(bad);
    if (Object.keys(bad).length || !sku) return;
    schedule.mutate({ skuId: sku.id, salePriceMinor: priceMinor ?? 0n, quantity: Number(quantity) || 0, startsAt: from, endsAt: to });
  };
  return (
    <form className="card sales-form" onSubmit={submit} aria-labelledby="flash-form-title" noValidate>
      <h2 id="flash-form-title">{t("admin.flash.new")}</h2>
      <Field label={t("admin.flash.product")} required value={productId} onChange={(e) => setProductId(e.target.value)} />
      {product.isFetching && <Loading />}
      {product.error && <ErrorBox error={product.error} />}
      <div className="field">
        <label htmlFor="flash-sku">{t("admin.flash.sku")}</label>
        <select id="flash-sku" value={sku?.id ?? ""} onChange={(e) => setSkuId(e.target.value)} disabled={skus.length === 0} aria-describedby="flash-sku-hint">
          {skus.length !== 1 && <option value="">—</option>}
          {skus.map((s) => (
            <option key={s.id} value={s.id}>
              {[product.data?.title, s.specs.map((a) => a.value).join(" / "), s.code].filter(Boolean).join(" · ")}
            </option>
          ))}
        </select>
        <span id="flash-sku-hint" className={err("sku_id") ? "field-error" : "muted"}>
          {sku
            ? t("admin.flash.regular", { price: f.money(sku.priceMinor, sku.currency), n: sku.available ?? "?" })
            : (err("sku_id") ?? t("admin.flash.pickSku"))}
        </span>
      </div>
      <Field
        label={t("admin.flash.price")}
        inputMode="decimal"
        required
        placeholder={t("admin.coupons.amountHint", { currency: sku?.currency ?? "" })}
        value={price}
        onChange={(e) => setPrice(e.target.value)}
        error={err("sale_price_minor")}
      />
      <Field
        label={t("admin.flash.quantity")}
        type="number"
        min={1}
        required
        value={quantity}
        onChange={(e) => setQuantity(e.target.value)}
        error={err("quantity")}
      />
      <Field
        label={t("admin.flash.startsAt")}
        type="datetime-local"
        step={1}
        required
        value={startsAt}
        onChange={(e) => setStartsAt(e.target.value)}
        error={err("starts_at")}
      />
      <Field
        label={t("admin.flash.endsAt")}
        type="datetime-local"
        step={1}
        required
        value={endsAt}
        onChange={(e) => setEndsAt(e.target.value)}
        error={err("ends_at")}
      />
      <p className="muted">{t("admin.flash.perUser")}</p>
      {schedule.error && <ErrorBox error={schedule.error} />}
      <button type="submit" className="primary" disabled={schedule.isPending}>
        {t("admin.flash.schedule")}
      </button>
    </form>
  );
}
