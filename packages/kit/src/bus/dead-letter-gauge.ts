// `bus_dead_letters{group}`: the dead letters waiting in each consumer group this process
// subscribed to, refreshed every 15 s by counting beside the bus (dead-letter-count.ts). A failed
// count keeps the last figures (logged at debug): the gauge must not turn a broker hiccup into a
// false "no dead letters". Per-instance groups are left out: their queue lives and dies with the
// process, and so do its letters.
import { Gauge } from "prom-client";
import type { Logger } from "../log.ts";
import { metricsRegistry } from "../metrics.ts";
import type { DeadLetterCounter } from "./dead-letter-count.ts";
import type { Bus } from "./port.ts";

export const deadLetters = new Gauge({
  name: "bus_dead_letters",
  help: "Messages in a consumer group's dead-letter queue, waiting to be replayed",
  labelNames: ["group"] as const,
  registers: [metricsRegistry],
});

export interface DeadLetterGaugeOptions {
  /** Between two counts. Default 15 s. */
  everyMs?: number;
}

/** `bus` as it is, plus the gauge of the groups subscribed through it; close() stops counting too. */
export function withDeadLetterGauge(bus: Bus, counter: DeadLetterCounter, logger: Logger, opts: DeadLetterGaugeOptions = {}): Bus {
  const groups = new Map<string, number>(); // group -> subscriptions in this process
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  const everyMs = opts.everyMs ?? 15_000;

  const refresh = async () => {
    if (!groups.size) return;
    const counts = await counter.count([...groups.keys()]);
    for (const [group, n] of counts) if (groups.has(group)) deadLetters.set({ group }, n);
  };
  const schedule = (ms: number) => {
    if (closed) return;
    timer = setTimeout(() => {
      running = refresh()
        .catch((err: unknown) => logger.debug({ err }, "bus: counting dead letters failed; the gauge keeps its last figures"))
        .finally(() => {
          running = undefined;
          schedule(everyMs);
        });
    }, ms);
    timer.unref();
  };
  schedule(Math.min(everyMs, 1000)); // the first figures soon after the subscriptions

  return {
    ...bus,
    async subscribe(group, topics, handler, options) {
      const subscription = await bus.subscribe(group, topics, handler, options);
      if (options?.perInstance) return subscription;
      groups.set(group, (groups.get(group) ?? 0) + 1);
      return {
        async close() {
          await subscription.close();
          const left = (groups.get(group) ?? 1) - 1;
          if (left > 0) return void groups.set(group, left);
          groups.delete(group);
          deadLetters.remove({ group });
        },
      };
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
      await bus.close();
      await counter.close();
      for (const group of groups.keys()) deadLetters.remove({ group });
    },
  };
}
