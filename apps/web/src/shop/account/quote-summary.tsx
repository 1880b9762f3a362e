// What the order will cost, as the order service quoted it: the lines, shipping, discount and total.
import type { Quote } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Lines } from "./lines.tsx";

export function QuoteSummary({ quote }: { quote: Quote }) {
  const t = useT();
  const f = useFormat();
  const money = (m: bigint) => f.money(m, quote.currency);
  return (
    <section aria-labelledby="quote-h">
      <h2 id="quote-h">{t("checkout.summary")}</h2>
      <Lines lines={quote.lines} currency={quote.currency} />
      <Amounts
        rows={[
          [t("checkout.subtotal"), money(quote.subtotalMinor)],
          [t("checkout.shipping"), money(quote.shippingFeeMinor)],
          [t("checkout.discount"), quote.discountMinor > 0n ? `−${money(quote.discountMinor)}` : money(0n)],
        ]}
        total={[t("checkout.total"), money(quote.totalMinor)]}
      />
    </section>
  );
}

export function Amounts({ rows, total }: { rows: [string, string][]; total: [string, string] }) {
  return (
    <dl className="amounts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
      <div className="total">
        <dt>{total[0]}</dt>
        <dd data-testid="total">{total[1]}</dd>
      </div>
    </dl>
  );
}
