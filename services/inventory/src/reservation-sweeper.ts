// The expiry sweep every few seconds until stopped (see the kit's startPeriodic).
import type { Logger } from "@shop/kit/log";
import { startPeriodic, type Periodic } from "@shop/kit/periodic";
import { expireReservations } from "./usecases/expire-reservations.ts";
import type { Deps } from "./usecases/deps.ts";

const batchSize = 100;

export function startReservationSweeper(d: Deps, everySeconds: () => number, logger: Logger): Periodic {
  return startPeriodic(
    "reservation sweep",
    everySeconds,
    async () => {
      const released = await expireReservations(d, batchSize);
      if (released) logger.info({ released }, "expired reservations released");
    },
    logger,
  );
}
