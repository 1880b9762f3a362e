// An order's status history, oldest first, each change with its time and why.
import type { StatusChange } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { statusKey } from "./order-status.ts";

export function Timeline({ history }: { history: StatusChange[] }) {
  const t = useT();
  const f = useFormat();
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t("order.timeline")}</h2>
      <ol className="timeline">
        {history.map((h, i) => (
          <li key={i}>
            <strong>{t(statusKey[h.to])}</strong> <time className="muted">{f.dateTime(h.at)}</time>
            {h.reason && <div className="muted">{h.reason}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
