// Ship (carrier and tracking number) and refund (with a reason, confirmed) a paid order; what the
// API refuses is shown with the form, the admin's input kept.
import { useState, type FormEvent } from "react";
import { AdminOrderService } from "@shop/contracts/shop/order/v1/checkout_pb.ts";
import { OrderStatus, type Order } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { AdminShipmentService } from "@shop/contracts/shop/logistics/v1/logistics_pb.ts";
import { AdminPaymentService } from "@shop/contracts/shop/payment/v1/payment_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { Confirm } from "./confirm.tsx";
import { violationOf } from "./form-input.ts";

function ShipForm({ order }: { order: Order }) {
  const t = useT();
  const [carrier, setCarrier] = useState("");
  const [tracking, setTracking] = useState("");
  const ship = useRpcMutation(AdminOrderService.method.shipOrder, { invalidates: [AdminShipmentService.method.adminGetShipment] });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ship.mutate({ orderId: order.id, carrier: carrier.trim(), trackingNumber: tracking.trim() });
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="ship-title">
      <h2 id="ship-title">{t("admin.order.shipTitle")}</h2>
      <Field
        label={t("admin.order.carrier")}
        required
        maxLength={64}
        value={carrier}
        onChange={(e) => setCarrier(e.target.value)}
        error={violationOf(ship.error, "carrier")}
      />
      <Field
        label={t("admin.order.trackingNumber")}
        required
        maxLength={64}
        value={tracking}
        onChange={(e) => setTracking(e.target.value)}
        error={violationOf(ship.error, "tracking_number")}
      />
      {ship.error && <ErrorBox error={ship.error} />}
      <button type="submit" className="primary" disabled={ship.isPending}>
        {t("admin.order.ship")}
      </button>
    </form>
  );
}

function RefundForm({ order }: { order: Order }) {
  const t = useT();
  const f = useFormat();
  const [reason, setReason] = useState("");
  const refund = useRpcMutation(AdminOrderService.method.refundOrder, { idempotent: true, invalidates: [AdminPaymentService.method.adminListOrderPayments] });
  return (
    <div className="card">
      <h2>{t("admin.order.refundTitle")}</h2>
      <Confirm
        label={t("admin.order.refund")}
        question={t("admin.order.refundConfirm", { total: f.money(order.totalMinor, order.currency), number: order.number })}
        yes={t("admin.order.refundYes")}
        busy={refund.isPending}
        ready={reason.trim().length > 0}
        onConfirm={() => refund.mutate({ orderId: order.id, reason: reason.trim() })}
      >
        <Field
          label={t("admin.order.refundReason")}
          required
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={violationOf(refund.error, "reason")}
        />
      </Confirm>
      {refund.error && <ErrorBox error={refund.error} />}
    </div>
  );
}

/** The actions the order's state allows: a paid order can be shipped or refunded. */
export function OrderActions({ order }: { order: Order }) {
  if (order.status !== OrderStatus.PAID) return null;
  return (
    <div className="grid sales-actions">
      <ShipForm order={order} />
      <RefundForm order={order} />
    </div>
  );
}
