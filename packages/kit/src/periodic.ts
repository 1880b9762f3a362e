// Background work done now and then (sweepers): one round at a time, the interval read again before
// each round (so a config reload applies), a failed round logged and the next one tries again, and
// stop() waits for the round in progress (their transactions are short) and starts no other.
import type { Logger } from "./log.ts";

export interface Periodic {
  stop(): Promise<void>;
}

export function startPeriodic(what: string, everySeconds: () => number, round: () => Promise<void>, logger: Logger, opts: { now?: boolean } = {}): Periodic {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const run = () => {
    running = round()
      .catch((err: unknown) => logger.warn({ err }, `${what} failed; the next round tries again`))
      .finally(() => {
        running = undefined;
        schedule();
      });
  };
  const schedule = () => {
    if (!stopped) timer = setTimeout(run, everySeconds() * 1000);
  };
  if (opts.now) run();
  else schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
