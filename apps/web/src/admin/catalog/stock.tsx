// /admin/stock?product=<id>&sku=<id>: pick a product, then one of its SKUs, and manage its stock.
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useSearchParams } from "react-router";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";
import { StockPanel } from "./stock-panel.tsx";

export function Component() {
  const t = useT();
  const f = useFormat();
  const productSelect = useId();
  const skuSelect = useId();
  const [params, setParams] = useSearchParams();
  const productId = params.get("product") ?? "";
  const skuId = params.get("sku") ?? "";
  // The newest 100 products: enough to pick from; a product's own page links here with its id.
  const products = useQuery(rpcQuery(AdminCatalogService.method.adminListProducts, { pageSize: 100 }));
  const product = useQuery({ ...rpcQuery(AdminCatalogService.method.adminGetProduct, { productId }), enabled: productId !== "" });
  return (
    <section>
      <h1>{t("admin.stock.title")}</h1>
      <Async query={products}>
        {(page) => (
          <div className="field">
            <label htmlFor={productSelect}>{t("admin.stock.product")}</label>
            <select id={productSelect} value={productId} onChange={(e) => setParams(e.target.value ? { product: e.target.value } : {})}>
              <option value="">{t("admin.stock.chooseProduct")}</option>
              {productId && !page.products.some((p) => p.id === productId) && <option value={productId}>{product.data?.title ?? productId}</option>}
              {page.products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
        )}
      </Async>
      {productId && (
        <Async query={product}>
          {(p) =>
            p.skus.length === 0 ? (
              <p className="muted">{t("admin.sku.none")}</p>
            ) : (
              <div className="field">
                <label htmlFor={skuSelect}>{t("admin.stock.sku")}</label>
                <select
                  id={skuSelect}
                  value={skuId}
                  onChange={(e) => setParams(e.target.value ? { product: productId, sku: e.target.value } : { product: productId })}
                >
                  <option value="">{t("admin.stock.chooseSku")}</option>
                  {p.skus.map((s) => (
                    <option key={s.id} value={s.id}>
                      {`${s.specs.map((x) => `${x.key}: ${x.value}`).join(", ") || s.code || s.id.slice(0, 8)} — ${f.money(s.priceMinor, s.currency)}`}
                    </option>
                  ))}
                </select>
              </div>
            )
          }
        </Async>
      )}
      {skuId && <StockPanel key={skuId} skuId={skuId} />}
    </section>
  );
}
