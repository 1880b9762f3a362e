// Runs the expiry sweep every few seconds (read from the config at each round, so a reload applies)
// until stopped; a round that fails is logged and the next one tries again.
import type { Logger } from "@shop/kit/log";
import { expireReservations } from "./usecases/expire-reservations.ts";
import type { Deps } from "./usecases/deps.ts";

const batchSize = 100;

export interface Sweeper {
  /** Lets the round in progress finish (its transactions are short), then starts no other. */
  stop(): Promise<void>;
}

export function startReservationSweeper(d: Deps, everySeconds: () => number, logger: Logger): Sweeper {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const round = async () => {
    try {
      const released = await expireReservations(d, batchSize);
      if (released) logger.info({ released }, "expired reservations released");
    } catch (err) {
      logger.warn({ err }, "reservation sweep failed; the next round tries again");
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
