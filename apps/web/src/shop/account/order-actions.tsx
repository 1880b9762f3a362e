// What the shopper can do with the order now: pay (again) while it awaits payment, cancel it
// then, confirm receipt once it has shipped. The order service refuses anything else.
import { useRef, useState } from "react";
import { OrderService } from "@shop/contracts/shop/order/v1/checkout_pb.ts";
import { OrderStatus, type Order } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { payOrder } from "./pay.ts";

export function OrderActions({ order }: { order: Order }) {
  const t = useT();
  const cancel = useRpcMutation(OrderService.method.cancelMyOrder, { idempotent: true });
  const confirm = useRpcMutation(OrderService.method.confirmReceipt, { idempotent: true });
  const payKey = useRef(crypto.randomUUID());
  const [paying, setPaying] = useState(false);
  const [payError, setPayError] = useState<unknown>();
  const pay = () => {
    setPaying(true);
    setPayError(undefined);
    payOrder(order.id, payKey.current).catch((err: unknown) => {
      setPaying(false);
      setPayError(err);
    });
  };
  const error = cancel.error ?? confirm.error ?? payError;
  const awaiting = order.status === OrderStatus.AWAITING_PAYMENT;
  const shipped = order.status === OrderStatus.SHIPPED;
  if (!awaiting && !shipped) return null;
  return (
    <div className="actions">
      <div className="row">
        {awaiting && (
          <button type="button" className="primary" disabled={paying} onClick={pay}>
            {t("order.pay")}
          </button>
        )}
        {awaiting && (
          <button
            type="button"
            disabled={cancel.isPending}
            onClick={() => {
              if (window.confirm(t("order.cancelConfirm"))) cancel.mutate({ orderId: order.id, reason: "cancelled by the shopper" });
            }}
          >
            {t("order.cancel")}
          </button>
        )}
        {shipped && (
          <button type="button" className="primary" disabled={confirm.isPending} onClick={() => confirm.mutate({ orderId: order.id })}>
            {t("order.confirmReceipt")}
          </button>
        )}
      </div>
      {error != null && <ErrorBox error={error} />}
    </div>
  );
}
