// A live countdown to a sale's start, then to its end. A timer role, so assistive technology does
// not read every second out.
import type { FlashSale } from "@shop/contracts/shop/seckill/v1/sale_pb.ts";
import { useT } from "../../i18n/i18n.tsx";
import { clock, endsMs, startsMs, type Phase } from "./phase.ts";

export function Countdown({ sale, phase, now }: { sale: FlashSale; phase: Phase; now: number }) {
  const t = useT();
  if (phase !== "upcoming" && phase !== "live") return null;
  const label = phase === "upcoming" ? t("sale.startsIn") : t("sale.endsIn");
  const left = (phase === "upcoming" ? startsMs(sale) : endsMs(sale)) - now;
  return (
    <p className="sale-countdown">
      <span>{label}</span>{" "}
      <span role="timer" aria-label={label} className="sale-clock">
        {clock(left)}
      </span>
    </p>
  );
}
