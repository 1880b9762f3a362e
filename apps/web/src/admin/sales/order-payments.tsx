// The order's payments (each try at paying, and its refunds), as the payment service keeps them.
import { useQuery } from "@tanstack/react-query";
import { AdminPaymentService } from "@shop/contracts/shop/payment/v1/payment_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";
import { paymentStatusText } from "./labels.ts";

export function OrderPayments({ orderId }: { orderId: string }) {
  const t = useT();
  const f = useFormat();
  const payments = useQuery(rpcQuery(AdminPaymentService.method.adminListOrderPayments, { orderId }));
  return (
    <section className="card" aria-labelledby="payments-title">
      <h2 id="payments-title">{t("admin.order.payments")}</h2>
      <Async query={payments}>
        {(data) =>
          data.payments.length === 0 ? (
            <p className="muted">{t("admin.order.noPayments")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t("admin.order.provider")}</th>
                    <th>{t("admin.common.status")}</th>
                    <th>{t("admin.order.amount")}</th>
                    <th>{t("admin.orders.created")}</th>
                    <th>{t("admin.order.refunds")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.payments.map((p) => (
                    <tr key={p.id}>
                      <td>{p.provider}</td>
                      <td>
                        {t(paymentStatusText[p.status])}
                        {p.failureReason && <span className="muted"> ({p.failureReason})</span>}
                      </td>
                      <td>{f.money(p.amountMinor, p.currency)}</td>
                      <td>{f.dateTime(p.createdAt)}</td>
                      <td>
                        {p.refunds.map((r) => (
                          <div key={r.id}>
                            {f.money(r.amountMinor, p.currency)} · {r.status} · {r.reason}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}
