// Outbox lag as two gauges per service, measured by the relay loop (outbox-relay.ts) after each of
// its passes, at most every few seconds: a scrape only reads the last figures, never the database.
// The age goes on growing between measurements (the relay may be stuck in its backoff), so it is
// kept as the oldest row's age at measurement plus the time since.
import { Gauge } from "prom-client";
import type { Pool } from "pg";
import { metricsRegistry } from "../metrics.ts";

const oldest = new Map<string, { pending: boolean; ageSeconds: number; at: number }>();

export const outboxPending = new Gauge({
  name: "outbox_pending_events",
  help: "Outbox rows committed and not yet published by the relay, by service",
  labelNames: ["service"] as const,
  registers: [metricsRegistry],
});

new Gauge({
  name: "outbox_oldest_pending_age_seconds",
  help: "Age of the oldest outbox row not yet published (0 when none), by service",
  labelNames: ["service"] as const,
  registers: [metricsRegistry],
  collect() {
    const now = Date.now();
    for (const [service, o] of oldest) this.set({ service }, o.pending ? o.ageSeconds + (now - o.at) / 1000 : 0);
  },
});

/** Counts the unsent rows (the relay's partial index) and sets both gauges of `service`. */
export async function measureOutbox(pool: Pool, service: string): Promise<void> {
  const { rows } = await pool.query<{ n: number; age: number | null }>(
    `select count(*)::int as n, extract(epoch from clock_timestamp() - min(created_at))::float8 as age from kit_outbox where sent_at is null`,
  );
  const row = rows[0] ?? { n: 0, age: null };
  outboxPending.set({ service }, row.n);
  oldest.set(service, { pending: row.n > 0, ageSeconds: Math.max(0, row.age ?? 0), at: Date.now() });
}
