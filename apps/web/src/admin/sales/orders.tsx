// /admin/orders: every order, newest first, filtered by status, customer and order number, paged.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { AdminOrderService } from "@shop/contracts/shop/order/v1/checkout_pb.ts";
import { OrderStatus } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Field } from "../../ui/field.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async } from "../../ui/status.tsx";
import { enumValues, orderStatusText } from "./labels.ts";

interface Filters {
  status: OrderStatus;
  userId: string;
  number: string;
}

const none: Filters = { status: OrderStatus.UNSPECIFIED, userId: "", number: "" };

export function Component() {
  const t = useT();
  const f = useFormat();
  const pages = usePageTokens();
  const [draft, setDraft] = useState<Filters>(none);
  const [filters, setFilters] = useState<Filters>(none);
  const orders = useQuery(rpcQuery(AdminOrderService.method.listOrders, { ...filters, pageSize: 20, pageToken: pages.token }));
  const apply = (next: Filters) => {
    setFilters({ ...next, userId: next.userId.trim(), number: next.number.trim() });
    pages.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  return (
    <section>
      <h1>{t("admin.orders.title")}</h1>
      <form className="sales-filters" onSubmit={submit} aria-label={t("admin.orders.filter")}>
        <div className="field">
          <label htmlFor="order-status">{t("admin.orders.status")}</label>
          <select id="order-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: Number(e.target.value) as OrderStatus })}>
            <option value={OrderStatus.UNSPECIFIED}>{t("admin.orders.anyStatus")}</option>
            {enumValues(orderStatusText).map((s) => (
              <option key={s} value={s}>
                {t(orderStatusText[s])}
              </option>
            ))}
          </select>
        </div>
        <Field label={t("admin.orders.number")} value={draft.number} inputMode="numeric" onChange={(e) => setDraft({ ...draft, number: e.target.value })} />
        <Field label={t("admin.orders.user")} value={draft.userId} onChange={(e) => setDraft({ ...draft, userId: e.target.value })} />
        <div className="row">
          <button type="submit" className="primary">
            {t("admin.orders.filter")}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(none);
              apply(none);
            }}
          >
            {t("admin.orders.clear")}
          </button>
        </div>
      </form>
      <Async query={orders}>
        {(page) => (
          <DataTable
            rows={page.orders}
            rowKey={(o) => o.id}
            empty={t("admin.orders.none")}
            columns={[
              {
                header: t("admin.orders.number"),
                cell: (o) => (
                  <>
                    <Link to={`/admin/orders/${o.id}`}>{o.number}</Link>
                    {o.flashSaleId && <span className="badge">{t("admin.orders.flash")}</span>}
                  </>
                ),
              },
              { header: t("admin.orders.status"), cell: (o) => t(orderStatusText[o.status]) },
              { header: t("admin.orders.total"), cell: (o) => f.money(o.totalMinor, o.currency) },
              { header: t("admin.orders.created"), cell: (o) => f.dateTime(o.createdAt) },
              { header: t("admin.orders.user"), cell: (o) => <code className="sales-id">{o.userId}</code> },
            ]}
          >
            <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
          </DataTable>
        )}
      </Async>
    </section>
  );
}
