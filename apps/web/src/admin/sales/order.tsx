// /admin/orders/:orderId: one order with its lines, amounts, address, status history, payments and
// parcel; a paid order can be shipped or refunded here.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { AdminOrderService } from "@shop/contracts/shop/order/v1/checkout_pb.ts";
import { RefundStatus, type Order } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Async } from "../../ui/status.tsx";
import { OrderActions } from "./order-actions.tsx";
import { OrderPayments } from "./order-payments.tsx";
import { OrderShipment } from "./order-shipment.tsx";
import { orderStatusText, refundStatusText } from "./labels.ts";

function Lines({ order }: { order: Order }) {
  const t = useT();
  const f = useFormat();
  const money = (n: bigint) => f.money(n, order.currency);
  return (
    <section className="card" aria-labelledby="lines-title">
      <h2 id="lines-title">{t("admin.order.lines")}</h2>
      <DataTable
        rows={order.lines}
        rowKey={(l) => l.skuId}
        columns={[
          {
            header: t("admin.order.item"),
            cell: (l) => (
              <>
                <Link to={`/p/${l.productId}`}>{l.title}</Link>
                <div className="muted">{l.specs.map((s) => `${s.key}: ${s.value}`).join(", ")}</div>
              </>
            ),
          },
          { header: t("admin.order.unitPrice"), cell: (l) => money(l.unitPriceMinor) },
          { header: t("admin.order.quantity"), cell: (l) => l.quantity },
          { header: t("admin.order.subtotal"), cell: (l) => money(l.subtotalMinor) },
        ]}
      />
      <dl className="sales-amounts" aria-label={t("admin.order.amounts")}>
        <dt>{t("admin.order.subtotal")}</dt>
        <dd>{money(order.subtotalMinor)}</dd>
        <dt>{t("admin.order.shippingFee")}</dt>
        <dd>{money(order.shippingFeeMinor)}</dd>
        <dt>{t("admin.order.discount")}</dt>
        <dd>-{money(order.discountMinor)}</dd>
        <dt>{t("admin.orders.total")}</dt>
        <dd className="price">{money(order.totalMinor)}</dd>
      </dl>
    </section>
  );
}

function Address({ order }: { order: Order }) {
  const t = useT();
  const a = order.address;
  return (
    <section className="card" aria-labelledby="address-title">
      <h2 id="address-title">{t("admin.order.address")}</h2>
      {a && (
        <address>
          {a.recipientName} · {a.phone}
          <br />
          {[a.line1, a.line2].filter(Boolean).join(", ")}
          <br />
          {[a.district, a.city, a.region, a.postalCode, a.countryCode].filter(Boolean).join(", ")}
        </address>
      )}
      {order.note && <p>{t("admin.order.note", { note: order.note })}</p>}
      <p className="muted">
        {t("admin.order.customer")}: <code className="sales-id">{order.userId}</code>
      </p>
    </section>
  );
}

function History({ order }: { order: Order }) {
  const t = useT();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("admin.order.history")}</h2>
      <ol className="sales-timeline">
        {order.history.map((h, i) => (
          <li key={i}>
            <time>{f.dateTime(h.at)}</time> <strong>{t("admin.order.change", { from: t(orderStatusText[h.from]), to: t(orderStatusText[h.to]) })}</strong>
            <div className="muted">
              {t("admin.order.by", { actor: h.actor })}
              {h.reason && ` · ${h.reason}`}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function OrderView({ order }: { order: Order }) {
  const t = useT();
  const f = useFormat();
  return (
    <>
      <h1>
        {t("admin.order.title", { number: order.number })} <span className="sales-status">{t(orderStatusText[order.status])}</span>
      </h1>
      <p className="muted">
        {f.dateTime(order.createdAt)}
        {order.paidAt && ` · ${t("admin.order.paidAt", { at: f.dateTime(order.paidAt) })}`}
        {order.refundStatus !== RefundStatus.NONE &&
          order.refundStatus !== RefundStatus.UNSPECIFIED &&
          ` · ${t("admin.order.refundState", { state: t(refundStatusText[order.refundStatus]) })}`}
        {order.cancelReason && ` · ${t("admin.order.cancelReason", { reason: order.cancelReason })}`}
      </p>
      <OrderActions order={order} />
      <div className="sales-order">
        <Lines order={order} />
        <Address order={order} />
        <History order={order} />
        <OrderPayments orderId={order.id} />
        <OrderShipment order={order} />
      </div>
    </>
  );
}

export function Component() {
  const t = useT();
  const { orderId = "" } = useParams();
  const order = useQuery(rpcQuery(AdminOrderService.method.getOrder, { orderId }));
  return (
    <section>
      <p>
        <Link to="/admin/orders">← {t("admin.order.back")}</Link>
      </p>
      <Async query={order}>{(o) => <OrderView order={o} />}</Async>
    </section>
  );
}
