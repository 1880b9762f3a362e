// The order's payments (each try at paying, and its refunds), as the payment service keeps them.
import { useQuery } from "@tanstack/react-query";
import { AdminPaymentService } from "@shop/contracts/shop/payment/v1/payment_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
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
        {(data) => (
          <DataTable
            rows={data.payments}
            rowKey={(p) => p.id}
            empty={t("admin.order.noPayments")}
            columns={[
              { header: t("admin.order.provider"), cell: (p) => p.provider },
              {
                header: t("admin.common.status"),
                cell: (p) => (
                  <>
                    {t(paymentStatusText[p.status])}
                    {p.failureReason && <span className="muted"> ({p.failureReason})</span>}
                  </>
                ),
              },
              { header: t("admin.order.amount"), cell: (p) => f.money(p.amountMinor, p.currency) },
              { header: t("admin.orders.created"), cell: (p) => f.dateTime(p.createdAt) },
              {
                header: t("admin.order.refunds"),
                cell: (p) =>
                  p.refunds.map((r) => (
                    <div key={r.id}>
                      {f.money(r.amountMinor, p.currency)} · {r.status} · {r.reason}
                    </div>
                  )),
              },
            ]}
          />
        )}
      </Async>
    </section>
  );
}
