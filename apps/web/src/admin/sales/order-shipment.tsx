// The order's parcel: carrier and tracking number from the order, and the carrier's steps from the
// logistics service. That service registers the parcel when it hears the order was shipped, a moment
// later, so the steps are asked for 15 s after shipping (a 404 before then would be noise),
// and again every few seconds until they are there.
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { useQuery } from "@tanstack/react-query";
import { AdminShipmentService } from "@shop/contracts/shop/logistics/v1/logistics_pb.ts";
import type { Order } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { ApiError } from "../../api/error.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { ErrorBox, Loading } from "../../ui/status.tsx";
import { useNow } from "../../shop/sale/use-now.ts";
import { shipmentStatusText } from "./labels.ts";

const missing = (err: unknown) => err instanceof ApiError && err.status === 404;
const settleMs = 15_000;

function Tracking({ orderId }: { orderId: string }) {
  const t = useT();
  const f = useFormat();
  const shipment = useQuery({
    ...rpcQuery(AdminShipmentService.method.adminGetShipment, { orderId }),
    retry: (n, err) => !missing(err) && n < 2,
    refetchInterval: (q) => (missing(q.state.error) ? 5000 : false),
  });
  if (shipment.isPending || missing(shipment.error)) return <Loading />;
  if (shipment.error || !shipment.data) return <ErrorBox error={shipment.error} retry={() => void shipment.refetch()} />;
  const s = shipment.data;
  return (
    <>
      <p>{t(shipmentStatusText[s.status])}</p>
      <ol className="sales-timeline" aria-label={t("admin.order.shipment")}>
        {s.timeline.map((e, i) => (
          <li key={i}>
            <time>{f.dateTime(e.occurredAt)}</time> {t(shipmentStatusText[e.status])}
            {e.location && ` · ${e.location}`}
            {e.description && <span className="muted"> — {e.description}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}

export function OrderShipment({ order }: { order: Order }) {
  const t = useT();
  const f = useFormat();
  const now = useNow(1000);
  const shipped = order.shipment?.shippedAt;
  return (
    <section className="card" aria-labelledby="shipment-title">
      <h2 id="shipment-title">{t("admin.order.shipment")}</h2>
      {!order.shipment || !shipped ? (
        <p className="muted">{t("admin.order.notShipped")}</p>
      ) : (
        <>
          <p>
            {t("admin.order.carrier")}: <strong>{order.shipment.carrier}</strong> · {t("admin.order.trackingNumber")}:{" "}
            <strong>{order.shipment.trackingNumber}</strong> · {f.dateTime(shipped)}
          </p>
          {now - timestampMs(shipped) > settleMs ? <Tracking orderId={order.id} /> : <Loading />}
        </>
      )}
    </section>
  );
}
