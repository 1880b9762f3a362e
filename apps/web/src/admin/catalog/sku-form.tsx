// One SKU's fields (code, spec values, price, compare-at price, currency): adds a SKU to a product or
// saves an existing one. Prices are typed in the currency's unit and sent as minor units.
import { useState, type FormEvent } from "react";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import type { Sku } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { AttributesEditor, filled, type Pair } from "./attributes-editor.tsx";
import { minorText, parseMinor } from "./money-input.ts";

interface Props {
  productId: string;
  /** Absent: a new SKU. */
  sku?: Sku;
  /** The product's currency (its SKUs share one), for a new SKU. */
  currency: string;
  onDone: () => void;
}

export function SkuForm({ productId, sku, currency: productCurrency, onDone }: Props) {
  const t = useT();
  const [code, setCode] = useState(sku?.code ?? "");
  const [specs, setSpecs] = useState<Pair[]>(sku?.specs.map((s) => ({ key: s.key, value: s.value })) ?? [{ key: "", value: "" }]);
  const [currency, setCurrency] = useState(sku?.currency ?? productCurrency);
  const [price, setPrice] = useState(sku ? minorText(sku.priceMinor, sku.currency) : "");
  const [compareAt, setCompareAt] = useState(sku && sku.compareAtPriceMinor > 0n ? minorText(sku.compareAtPriceMinor, sku.currency) : "");
  const [problems, setProblems] = useState<{ price?: string; compareAt?: string }>({});
  const create = useRpcMutation(AdminCatalogService.method.createSku, { idempotent: true, onSuccess: onDone });
  const update = useRpcMutation(AdminCatalogService.method.updateSku, { onSuccess: onDone });
  const error = create.error ?? update.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cur = currency.trim().toUpperCase();
    const priceMinor = parseMinor(price, cur);
    const compareAtMinor = compareAt.trim() ? parseMinor(compareAt, cur) : 0n;
    const found = {
      ...(priceMinor === undefined || priceMinor === 0n ? { price: t("admin.sku.badPrice") } : {}),
      ...(compareAtMinor === undefined ? { compareAt: t("admin.sku.badPrice") } : {}),
    };
    setProblems(found);
    if (priceMinor === undefined || compareAtMinor === undefined || found.price) return;
    const fields = { code: code.trim(), priceMinor, compareAtPriceMinor: compareAtMinor, currency: cur };
    if (sku) update.mutate({ skuId: sku.id, ...fields, specs: { items: filled(specs) } });
    else create.mutate({ productId, ...fields, specs: filled(specs) });
  };

  return (
    <form onSubmit={submit} className="sku-form" aria-label={sku ? t("admin.sku.editTitle") : t("admin.sku.addTitle")}>
      <AttributesEditor legend={t("admin.sku.specs")} rowLabel={t("admin.sku.spec")} items={specs} onChange={setSpecs} />
      <div className="admin-filters">
        <Field label={t("admin.sku.price")} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} required error={problems.price} />
        <Field
          label={t("admin.sku.compareAt")}
          inputMode="decimal"
          value={compareAt}
          onChange={(e) => setCompareAt(e.target.value)}
          error={problems.compareAt}
        />
        <Field label={t("admin.sku.currency")} value={currency} onChange={(e) => setCurrency(e.target.value)} required maxLength={3} pattern="[A-Za-z]{3}" />
        <Field label={t("admin.sku.code")} value={code} onChange={(e) => setCode(e.target.value)} maxLength={64} />
      </div>
      {error && <ErrorBox error={error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending || update.isPending}>
          {sku ? t("app.save") : t("admin.sku.add")}
        </button>
        <button type="button" onClick={onDone}>
          {t("app.cancel")}
        </button>
      </div>
    </form>
  );
}
