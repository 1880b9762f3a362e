// A price with its "was" price struck through when there is one.
import { useFormat, useT } from "../../i18n/i18n.tsx";

export function Price({ minor, compareAt, currency, from }: { minor: bigint; compareAt: bigint; currency: string; from?: boolean }) {
  const f = useFormat();
  const t = useT();
  const now = f.money(minor, currency);
  return (
    <span className="row price-row">
      <span className="price">{from ? t("catalog.from", { price: now }) : now}</span>
      {compareAt > minor && (
        <s className="muted" aria-label={t("catalog.was", { price: f.money(compareAt, currency) })}>
          {f.money(compareAt, currency)}
        </s>
      )}
    </span>
  );
}
