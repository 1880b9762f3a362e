import { useT } from "../../i18n/i18n.tsx";
import type { Phase } from "./phase.ts";

const keys = { upcoming: "sale.upcoming", live: "sale.live", soldOut: "sale.soldOut", ended: "sale.ended" } as const;

export function PhaseBadge({ phase }: { phase: Phase }) {
  const t = useT();
  return <span className={`badge sale-phase sale-${phase}`}>{t(keys[phase])}</span>;
}
