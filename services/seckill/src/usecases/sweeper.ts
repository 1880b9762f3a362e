// The end-of-sale sweep every few seconds until stopped (see the kit's startPeriodic).
import { startPeriodic, type Periodic } from "@shop/kit/periodic";
import type { Deps } from "./deps.ts";
import { sweepEndedSales } from "./end-sale.ts";

export function startSweeper(d: Deps, everySeconds: () => number): Periodic {
  return startPeriodic(
    "flash sale sweep",
    everySeconds,
    async () => {
      const n = await sweepEndedSales(d);
      if (n) d.logger.info({ sales: n }, "flash sales ended or given back");
    },
    d.logger,
  );
}
