// A product's SKUs: a table with edit and delete per row, and a form to add one.
import { useState } from "react";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import type { Product, Sku } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { ConfirmButton } from "./confirm-button.tsx";
import { SkuForm } from "./sku-form.tsx";

/** A SKU as a person names it: its specs, else its code, else the start of its id. */
const skuName = (sku: Sku) => sku.specs.map((s) => `${s.key}: ${s.value}`).join(", ") || sku.code || sku.id.slice(0, 8);

export function Skus({ product }: { product: Product }) {
  const t = useT();
  const f = useFormat();
  // "new", a SKU id, or nothing open.
  const [editing, setEditing] = useState<string | undefined>(product.skus.length === 0 ? "new" : undefined);
  const remove = useRpcMutation(AdminCatalogService.method.deleteSku);
  const currency = product.skus[0]?.currency ?? "CNY";
  const close = () => setEditing(undefined);
  return (
    <section className="card" aria-labelledby="skus-title">
      <h2 id="skus-title">{t("admin.sku.title")}</h2>
      <DataTable
        rows={product.skus}
        rowKey={(sku) => sku.id}
        empty={t("admin.sku.none")}
        columns={[
          { header: t("admin.sku.specs"), cell: skuName },
          { header: t("admin.sku.price"), cell: (sku) => f.money(sku.priceMinor, sku.currency) },
          { header: t("admin.sku.compareAt"), cell: (sku) => (sku.compareAtPriceMinor > 0n ? f.money(sku.compareAtPriceMinor, sku.currency) : "—") },
          { header: t("admin.sku.code"), cell: (sku) => sku.code || "—" },
          {
            header: <span className="visually-hidden">{t("admin.actions")}</span>,
            className: "row",
            cell: (sku) => (
              <>
                <button type="button" aria-label={t("admin.sku.editOne", { name: skuName(sku) })} onClick={() => setEditing(sku.id)}>
                  {t("admin.edit")}
                </button>
                <ConfirmButton
                  label={t("admin.delete")}
                  question={t("admin.sku.deleteQuestion", { name: skuName(sku) })}
                  confirmLabel={t("admin.sku.deleteYes")}
                  onConfirm={() => remove.mutate({ skuId: sku.id })}
                />
              </>
            ),
          },
        ]}
      />
      {remove.error && <ErrorBox error={remove.error} />}
      {editing === undefined ? (
        <button type="button" onClick={() => setEditing("new")}>
          {t("admin.sku.addTitle")}
        </button>
      ) : (
        <SkuForm
          key={editing}
          productId={product.id}
          currency={currency}
          onDone={close}
          {...(editing === "new" ? {} : { sku: product.skus.find((s) => s.id === editing)! })}
        />
      )}
    </section>
  );
}
