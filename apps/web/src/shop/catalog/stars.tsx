// A rating as stars, with the number in words for screen readers (the stars are decoration).
import { useT } from "../../i18n/i18n.tsx";

export function Stars({ rating, count }: { rating: number; count?: number }) {
  const t = useT();
  const full = Math.round(rating);
  const label = t("catalog.stars", { n: rating.toFixed(1) });
  return (
    <span className="stars">
      <span role="img" aria-label={label} title={label}>
        {"★".repeat(full)}
        <span className="stars-off">{"★".repeat(5 - full)}</span>
      </span>
      {count !== undefined && <span className="muted"> {t("catalog.ratingCount", { n: count })}</span>}
    </span>
  );
}
