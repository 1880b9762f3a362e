// How the operations pages write durations, uptimes and shares, in the chosen language.
import type { Format, Translate } from "../../i18n/i18n.tsx";

export function uptime(t: Translate, seconds: number | undefined): string {
  if (seconds === undefined) return "–";
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (d) return t("ops.uptime.days", { d, h });
  if (h) return t("ops.uptime.hours", { h, m });
  if (m) return t("ops.uptime.minutes", { m, s });
  return t("ops.uptime.seconds", { s });
}

/** A 0..1 share as a percentage with one decimal. */
export const percent = (f: Format, share: number) => `${f.number(Math.round(share * 1000) / 10)}%`;

export const ms = (f: Format, value: number) => `${f.number(value < 10 ? Math.round(value * 100) / 100 : Math.round(value * 10) / 10)} ms`;
