// A product's SKUs: a table with edit and delete per row, and a form to add one.
import { useState } from "react";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import type { Product } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { ConfirmButton } from "./confirm-button.tsx";
import { SkuForm } from "./sku-form.tsx";

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
      {product.skus.length === 0 ? (
        <p className="muted">{t("admin.sku.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("admin.sku.specs")}</th>
                <th>{t("admin.sku.price")}</th>
                <th>{t("admin.sku.compareAt")}</th>
                <th>{t("admin.sku.code")}</th>
                <th>
                  <span className="visually-hidden">{t("admin.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {product.skus.map((sku) => {
                const name = sku.specs.map((s) => `${s.key}: ${s.value}`).join(", ") || sku.code || sku.id.slice(0, 8);
                return (
                  <tr key={sku.id}>
                    <td>{name}</td>
                    <td>{f.money(sku.priceMinor, sku.currency)}</td>
                    <td>{sku.compareAtPriceMinor > 0n ? f.money(sku.compareAtPriceMinor, sku.currency) : "—"}</td>
                    <td>{sku.code || "—"}</td>
                    <td className="row">
                      <button type="button" aria-label={t("admin.sku.editOne", { name })} onClick={() => setEditing(sku.id)}>
                        {t("admin.edit")}
                      </button>
                      <ConfirmButton
                        label={t("admin.delete")}
                        question={t("admin.sku.deleteQuestion", { name })}
                        confirmLabel={t("admin.sku.deleteYes")}
                        onConfirm={() => remove.mutate({ skuId: sku.id })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
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
