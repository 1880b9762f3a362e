// One of my orders: items, amounts, address, what I can do now, its status history and the
// parcel's tracking; asked again every 2 s while it is still settling (placed, awaiting payment).
import { Link, useLocation, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { OrderService } from "@shop/contracts/shop/order/v1/checkout_pb.ts";
import { OrderStatus } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";
import { addressLine } from "./address-form.tsx";
import { Lines } from "./lines.tsx";
import { OrderActions } from "./order-actions.tsx";
import { settling, statusKey } from "./order-status.ts";
import { Timeline } from "./order-timeline.tsx";
import { Tracking } from "./order-tracking.tsx";
import { Amounts } from "./quote-summary.tsx";
import { ReviewLines } from "./review-lines.tsx";
import { SignedIn } from "./signed-in.tsx";

export function Component() {
  return (
    <SignedIn>
      <OrderPage />
    </SignedIn>
  );
}

function OrderPage() {
  const t = useT();
  const f = useFormat();
  const { orderId = "" } = useParams();
  const payError = (useLocation().state as { payError?: boolean } | null)?.payError;
  const order = useQuery({
    ...rpcQuery(OrderService.method.getMyOrder, { orderId }),
    refetchInterval: (q) => (q.state.data && settling(q.state.data.status) ? 2000 : false),
  });
  return (
    <section className="order">
      <p>
        <Link to="/account/orders">← {t("nav.orders")}</Link>
      </p>
      <Async query={order}>
        {(o) => {
          const money = (m: bigint) => f.money(m, o.currency);
          return (
            <>
              <h1>{t("order.number", { number: o.number })}</h1>
              <p>
                {t("order.statusLabel")}{" "}
                <strong className={`badge status-${o.status}`} data-testid="order-status">
                  {t(statusKey[o.status])}
                </strong>
              </p>
              {payError && o.status === OrderStatus.AWAITING_PAYMENT && <p className="notice">{t("order.payFailed")}</p>}
              {o.status === OrderStatus.AWAITING_PAYMENT && o.paymentDeadline && (
                <p className="muted">{t("order.payBy", { at: f.dateTime(o.paymentDeadline) })}</p>
              )}
              {o.cancelReason && <p className="muted">{t("order.cancelReason", { reason: o.cancelReason })}</p>}
              <OrderActions order={o} />
              <div className="order-grid">
                <div>
                  <h2>{t("order.items")}</h2>
                  <Lines lines={o.lines} currency={o.currency} />
                  <Amounts
                    rows={[
                      [t("checkout.subtotal"), money(o.subtotalMinor)],
                      [t("checkout.shipping"), money(o.shippingFeeMinor)],
                      [t("checkout.discount"), o.discountMinor > 0n ? `−${money(o.discountMinor)}` : money(0n)],
                    ]}
                    total={[t("checkout.total"), money(o.totalMinor)]}
                  />
                  {o.address && (
                    <>
                      <h2>{t("checkout.address")}</h2>
                      <p>{addressLine(o.address)}</p>
                    </>
                  )}
                  {o.note && <p className="muted">{t("order.note", { note: o.note })}</p>}
                </div>
                <div>
                  <Timeline history={o.history} />
                  {(o.shipment || o.status === OrderStatus.SHIPPED || o.status === OrderStatus.COMPLETED) && <Tracking orderId={o.id} />}
                </div>
              </div>
              {o.status === OrderStatus.COMPLETED && <ReviewLines order={o} />}
            </>
          );
        }}
      </Async>
    </section>
  );
}
