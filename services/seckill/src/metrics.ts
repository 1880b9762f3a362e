// The seckill service's Prometheus metrics (served on /metrics with the kit's): attempts by
// outcome, and the won tickets not yet written to PostgreSQL.
import { Counter, Gauge } from "prom-client";
import { metricsRegistry } from "@shop/kit/metrics";

export const attempts = new Counter({
  name: "seckill_attempts_total",
  help: "Purchase attempts, by outcome: won, held (a winner again), sold_out, refused_token, refused_window",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});

export const wins = new Counter({ name: "seckill_wins_total", help: "Attempts that won a unit (tickets made)", registers: [metricsRegistry] });

export const soldOutAnswers = new Counter({
  name: "seckill_sold_out_total",
  help: "Attempts answered SOLD_OUT, by where the answer came from: gate or memo (in process)",
  labelNames: ["from"] as const,
  registers: [metricsRegistry],
});

export const refused = new Counter({
  name: "seckill_refused_total",
  help: "Attempts refused before the gate, by reason: ATTEMPT_TOKEN_INVALID, SALE_NOT_STARTED, SALE_ENDED",
  labelNames: ["reason"] as const,
  registers: [metricsRegistry],
});

let depth: () => Promise<number> = () => Promise.resolve(0);

/** Where the queue depth comes from: the gate of this process. */
export function measureQueueDepth(source: () => Promise<number>): void {
  depth = source;
}

new Gauge({
  name: "seckill_queue_depth",
  help: "Won tickets not yet written to PostgreSQL (Redis profile; always 0 in the PostgreSQL profile)",
  registers: [metricsRegistry],
  async collect() {
    this.set(await depth().catch(() => -1));
  },
});
