// An order's (or a quote's) lines: title and specs linking to the product, quantity, price.
import { Link } from "react-router";
import type { OrderLine } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";

export function Lines({ lines, currency }: { lines: OrderLine[]; currency: string }) {
  const t = useT();
  const f = useFormat();
  return (
    <ul className="lines">
      {lines.map((l) => (
        <li key={l.skuId} className="line">
          {l.image && <img src={l.image} alt="" width={56} height={56} loading="lazy" />}
          <div>
            <Link to={`/p/${l.productId}`}>{l.title}</Link>
            {l.specs.length > 0 && <div className="muted">{l.specs.map((s) => `${s.key}: ${s.value}`).join(" · ")}</div>}
            <div className="muted">
              {t("order.qty", { n: l.quantity })} × {f.money(l.unitPriceMinor, currency)}
            </div>
          </div>
          <div className="price">{f.money(l.subtotalMinor, currency)}</div>
        </li>
      ))}
    </ul>
  );
}
