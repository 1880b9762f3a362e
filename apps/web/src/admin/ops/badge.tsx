// A health badge: green "Healthy" or red "Unhealthy", in words, not colour alone.
import { useT } from "../../i18n/i18n.tsx";

export function HealthBadge({ ok }: { ok: boolean }) {
  const t = useT();
  return <span className={ok ? "badge health ok" : "badge health bad"}>{ok ? t("ops.healthy") : t("ops.unhealthy")}</span>;
}
