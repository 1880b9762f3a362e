// The shopper's attempt as it goes on: queued (the order is being made; asked again every second),
// then the order to pay, or sold out, failed or cancelled.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { FlashSaleService } from "@shop/contracts/shop/seckill/v1/service_pb.ts";
import { AttemptStatus, type AttemptResult } from "@shop/contracts/shop/seckill/v1/sale_pb.ts";
import { PaymentService } from "@shop/contracts/shop/payment/v1/payment_pb.ts";
import { rpc } from "../../api/client.ts";
import { rpcQuery } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { ErrorBox, Loading } from "../../ui/status.tsx";

function PayNow({ orderId }: { orderId: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const pay = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const payment = await rpc(PaymentService.method.createPayment, { orderId }, { idempotencyKey: `pay-${orderId}` });
      window.location.assign(payment.checkoutUrl || `/account/orders/${orderId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="primary" disabled={busy} onClick={() => void pay()}>
        {t("sale.pay")}
      </button>
      {error !== undefined && <ErrorBox error={error} />}
    </>
  );
}

function Outcome({ attempt }: { attempt: AttemptResult }) {
  const t = useT();
  const orderLink = (
    <Link to={`/account/orders/${attempt.orderId || attempt.ticketId}`} className="sale-order-link">
      {t("sale.viewOrder")}
    </Link>
  );
  switch (attempt.status) {
    case AttemptStatus.QUEUED:
      return <Loading label={t("sale.queued")} />;
    case AttemptStatus.ORDERED:
      return (
        <div className="sale-result sale-won">
          <p>
            <strong>{t("sale.won")}</strong>
          </p>
          <div className="row">
            <PayNow orderId={attempt.orderId} />
            {orderLink}
          </div>
        </div>
      );
    case AttemptStatus.PAID:
      return (
        <div className="sale-result sale-won">
          <p>
            <strong>{t("sale.paid")}</strong>
          </p>
          {orderLink}
        </div>
      );
    case AttemptStatus.CANCELLED:
      return <p className="notice">{t("sale.cancelled")}</p>;
    case AttemptStatus.FAILED:
      return <p className="error">{t("sale.failed", { reason: attempt.reason })}</p>;
    case AttemptStatus.SOLD_OUT:
    case AttemptStatus.UNSPECIFIED:
      return <p className="notice">{t("sale.lost")}</p>;
  }
}

/** Follows the attempt from its first answer (or from nothing: asks for it) until it settles. */
export function AttemptStatusView({ saleId, first }: { saleId: string; first: AttemptResult | undefined }) {
  const attempt = useQuery({
    ...rpcQuery(FlashSaleService.method.getMyAttempt, { saleId }),
    ...(first ? { initialData: first } : {}),
    // A settled first answer is final; a queued one is asked again at once.
    staleTime: first && first.status !== AttemptStatus.QUEUED ? Infinity : 0,
    refetchInterval: (q) => (q.state.data?.status === AttemptStatus.QUEUED ? 1000 : false),
  });
  if (attempt.data) return <Outcome attempt={attempt.data} />;
  if (attempt.error) return <ErrorBox error={attempt.error} retry={() => void attempt.refetch()} />;
  return <Loading />;
}
