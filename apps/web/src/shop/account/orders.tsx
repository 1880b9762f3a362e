// My orders, newest first, page by page, each with its status.
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { OrderService } from "@shop/contracts/shop/order/v1/checkout_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async } from "../../ui/status.tsx";
import { statusKey } from "./order-status.ts";
import { SignedIn } from "./signed-in.tsx";

export function Component() {
  return (
    <SignedIn>
      <Orders />
    </SignedIn>
  );
}

function Orders() {
  const t = useT();
  const f = useFormat();
  const pages = usePageTokens();
  const list = useQuery(rpcQuery(OrderService.method.listMyOrders, { pageSize: 20, pageToken: pages.token }));
  return (
    <section>
      <h1>{t("nav.orders")}</h1>
      <Async query={list}>
        {(data) =>
          data.orders.length === 0 ? (
            <p className="muted">{t("orders.none")}</p>
          ) : (
            <>
              <ul className="order-list">
                {data.orders.map((o) => (
                  <li key={o.id} className="card">
                    <Link to={`/account/orders/${o.id}`}>{t("order.number", { number: o.number })}</Link>
                    <span className={`badge status-${o.status}`}>{t(statusKey[o.status])}</span>
                    <span className="muted">{f.dateTime(o.createdAt)}</span>
                    <span className="muted">{t("orders.items", { n: o.lines.reduce((n, l) => n + l.quantity, 0) })}</span>
                    <span className="price">{f.money(o.totalMinor, o.currency)}</span>
                  </li>
                ))}
              </ul>
              <Pager pages={pages} nextToken={data.nextPageToken} />
            </>
          )
        }
      </Async>
    </section>
  );
}
