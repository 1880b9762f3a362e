// Runs the end-of-sale sweep every few seconds until stopped; a round that fails is logged and the
// next one tries again.
import type { Deps } from "./deps.ts";
import { sweepEndedSales } from "./end-sale.ts";

export function startSweeper(d: Deps, everySeconds: () => number): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const round = async () => {
    try {
      const n = await sweepEndedSales(d);
      if (n) d.logger.info({ sales: n }, "flash sales ended or given back");
    } catch (err) {
      d.logger.warn({ err }, "flash sale sweep failed; the next round tries again");
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => {
        running = undefined;
        schedule();
      });
    }, everySeconds() * 1000);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
