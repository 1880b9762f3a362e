// The parcel of a shipped order: carrier, tracking number and the carrier's events, newest first.
import { useQuery } from "@tanstack/react-query";
import { ShipmentService } from "@shop/contracts/shop/logistics/v1/logistics_pb.ts";
import { ApiError } from "../../api/error.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { ErrorBox, Loading } from "../../ui/status.tsx";

export function Tracking({ orderId }: { orderId: string }) {
  const t = useT();
  const f = useFormat();
  const shipment = useQuery({
    ...rpcQuery(ShipmentService.method.getMyShipment, { orderId }),
    retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 2,
  });
  const body = () => {
    if (shipment.isPending) return <Loading />;
    // Shipped a moment ago: the logistics service has not heard of it yet.
    if (shipment.error instanceof ApiError && shipment.error.status === 404) return <p className="muted">{t("tracking.none")}</p>;
    if (shipment.error || !shipment.data) return <ErrorBox error={shipment.error} retry={() => void shipment.refetch()} />;
    const s = shipment.data;
    const events = [...s.timeline].reverse();
    return (
      <>
        <p>
          {t("tracking.carrier", { carrier: s.carrier })} · {t("tracking.number", { number: s.trackingNumber })}
        </p>
        {s.deliveredAt && <p>{t("tracking.delivered", { at: f.dateTime(s.deliveredAt) })}</p>}
        {events.length === 0 ? (
          <p className="muted">{t("tracking.noEvents")}</p>
        ) : (
          <ol className="timeline">
            {events.map((e, i) => (
              <li key={i}>
                <strong>{e.description}</strong> {e.location && <span>· {e.location}</span>} <time className="muted">{f.dateTime(e.occurredAt)}</time>
              </li>
            ))}
          </ol>
        )}
      </>
    );
  };
  return (
    <section aria-labelledby="tracking-h">
      <h2 id="tracking-h">{t("tracking.title")}</h2>
      {body()}
    </section>
  );
}
