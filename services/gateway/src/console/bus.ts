// GET /api/v1/admin/ops/bus: the event bus as the services see it, read from every instance's
// /metrics at once. Outbox lag (outbox-gauges.ts: rows committed and not yet published, and the
// oldest one's age) per service; per consumer group the dead letters waiting (bus_dead_letters, which
// every subscribed instance counts in the same queue, so the largest figure, not a sum) and the
// deliveries handled and failed since the instances started (summed).
import { fetchFrom, settleAll, targetsOf, type TargetDeps } from "./targets.ts";
import { named, parseMetrics, type Sample } from "./prom-text.ts";
import type { OutboxView, GroupView, BusView } from "./answers.ts";

const byLabel = (samples: Sample[], name: string, label: string) => named(samples, name).filter((s) => s.labels[label] !== undefined);

export async function readBus(deps: TargetDeps): Promise<BusView> {
  const answers = await settleAll(targetsOf(deps), async (t) => {
    const res = await fetchFrom(deps, t, "/metrics");
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return parseMetrics(await res.text());
  });
  const outbox = new Map<string, OutboxView>();
  const groups = new Map<string, GroupView>();
  const group = (name: string) =>
    groups.get(name) ?? groups.set(name, { group: name, services: [], durable: false, deadLetters: 0, delivered: 0, failed: 0, deadLettered: 0 }).get(name)!;
  for (const { target, result: samples } of answers) {
    if (!samples) continue;
    for (const s of byLabel(samples, "outbox_pending_events", "service")) {
      const o =
        outbox.get(s.labels.service!) ?? outbox.set(s.labels.service!, { service: s.labels.service!, pending: 0, oldestAgeSeconds: 0 }).get(s.labels.service!)!;
      o.pending = Math.max(o.pending, s.value);
    }
    for (const s of byLabel(samples, "outbox_oldest_pending_age_seconds", "service")) {
      const o = outbox.get(s.labels.service!);
      if (o) o.oldestAgeSeconds = Math.max(o.oldestAgeSeconds, Math.round(s.value * 10) / 10);
    }
    for (const s of byLabel(samples, "bus_dead_letters", "group")) {
      const g = group(s.labels.group!);
      g.deadLetters = Math.max(g.deadLetters, s.value);
      g.durable = true;
    }
    const sum = (metric: string, key: "delivered" | "failed" | "deadLettered") => {
      // Per-instance groups (`<group>.i<hex>`) are counted under the group they subscribed as.
      for (const s of byLabel(samples, metric, "group")) group(s.labels.group!)[key] += s.value;
    };
    const seen = (name: string) => {
      const g = group(name);
      if (!g.services.includes(target.service)) g.services.push(target.service);
    };
    for (const s of samples) if (s.name.startsWith("bus_") && s.labels.group !== undefined) seen(s.labels.group);
    sum("bus_delivered_total", "delivered");
    sum("bus_failed_total", "failed");
    sum("bus_dead_lettered_total", "deadLettered");
  }
  return {
    outbox: [...outbox.values()].sort((a, b) => a.service.localeCompare(b.service)),
    groups: [...groups.values()].sort((a, b) => a.group.localeCompare(b.group)),
    unreachable: answers.filter((a) => a.error).map((a) => ({ service: a.target.service, id: a.target.id, error: a.error! })),
    checkedAt: new Date().toISOString(),
  };
}

/** The durable consumer groups the services report (their bus_dead_letters gauges): the only ones the console lists or replays. */
export async function knownGroups(deps: TargetDeps): Promise<Set<string>> {
  const bus = await readBus(deps);
  return new Set(bus.groups.filter((g) => g.durable).map((g) => g.group));
}
