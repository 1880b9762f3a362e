// /admin/products: every product in any status, newest first, filtered by status and category, paged.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import { ProductStatus } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async } from "../../ui/status.tsx";
import { CategorySelect } from "./category-select.tsx";
import { statusKeys } from "./status.ts";

const statuses = [ProductStatus.UNSPECIFIED, ProductStatus.DRAFT, ProductStatus.ON_SALE, ProductStatus.OFF_SALE];

export function Component() {
  const t = useT();
  const f = useFormat();
  const statusId = useId();
  const [status, setStatus] = useState(ProductStatus.UNSPECIFIED);
  const [categoryId, setCategoryId] = useState("");
  const pages = usePageTokens();
  const list = useQuery(rpcQuery(AdminCatalogService.method.adminListProducts, { status, categoryId, pageSize: 20, pageToken: pages.token }));
  return (
    <section>
      <div className="row admin-head">
        <h1>{t("admin.products.title")}</h1>
        <Link className="button primary" to="/admin/products/new">
          {t("admin.products.new")}
        </Link>
      </div>
      <div className="admin-filters">
        <div className="field">
          <label htmlFor={statusId}>{t("admin.products.status")}</label>
          <select
            id={statusId}
            value={status}
            onChange={(e) => {
              setStatus(Number(e.target.value));
              pages.reset();
            }}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(statusKeys[s])}
              </option>
            ))}
          </select>
        </div>
        <CategorySelect
          label={t("admin.products.category")}
          emptyLabel={t("admin.products.allCategories")}
          value={categoryId}
          onChange={(id) => {
            setCategoryId(id);
            pages.reset();
          }}
        />
      </div>
      <Async query={list}>
        {(page) => (
          <DataTable
            rows={page.products}
            rowKey={(p) => p.id}
            empty={t("app.empty")}
            columns={[
              {
                header: t("admin.products.product"),
                cell: (p) => (
                  <>
                    <Link to={`/admin/products/${p.id}`}>{p.title}</Link>
                    {p.brand && <div className="muted">{p.brand}</div>}
                  </>
                ),
              },
              { header: t("admin.products.status"), cell: (p) => <span className={`status-${p.status}`}>{t(statusKeys[p.status])}</span> },
              { header: t("admin.products.price"), cell: (p) => (p.currency ? f.money(p.priceMinor, p.currency) : "—") },
              { header: t("admin.products.sold"), cell: (p) => f.number(p.salesCount) },
            ]}
          >
            <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
          </DataTable>
        )}
      </Async>
    </section>
  );
}
