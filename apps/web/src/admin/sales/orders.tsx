// /admin/orders: every order, newest first, filtered by status, customer and order number, paged.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { AdminOrderService } from "@shop/contracts/shop/order/v1/checkout_pb.ts";
import { OrderStatus } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
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
        {(page) =>
          page.orders.length === 0 ? (
            <p className="muted">{t("admin.orders.none")}</p>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>{t("admin.orders.number")}</th>
                      <th>{t("admin.orders.status")}</th>
                      <th>{t("admin.orders.total")}</th>
                      <th>{t("admin.orders.created")}</th>
                      <th>{t("admin.orders.user")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.orders.map((o) => (
                      <tr key={o.id}>
                        <td>
                          <Link to={`/admin/orders/${o.id}`}>{o.number}</Link>
                          {o.flashSaleId && <span className="badge">{t("admin.orders.flash")}</span>}
                        </td>
                        <td>{t(orderStatusText[o.status])}</td>
                        <td>{f.money(o.totalMinor, o.currency)}</td>
                        <td>{f.dateTime(o.createdAt)}</td>
                        <td>
                          <code className="sales-id">{o.userId}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
            </>
          )
        }
      </Async>
    </section>
  );
}
