// Request rate, error shares and p99 per route over the last minute, from the gateway's own HTTP
// metrics (observe.ts: http_server_requests_total{method,route,status} and the
// http_server_duration_seconds histogram). Counters only grow, so a window is the difference between
// now and a snapshot taken about a minute ago: snapshots every 5 s in a ring of 13. The figures are
// this gateway's; behind a load balancer each gateway counts its own share.
import type { Registry } from "prom-client";
import type { RouteFigures, RoutesAnswer } from "./answers.ts";

const everyMs = 5000;
const windowMs = 60_000;
const kept = windowMs / everyMs + 1;

interface Snapshot {
  at: number;
  /** `<method> <route>` -> status -> requests. */
  requests: Map<string, Map<string, number>>;
  /** `<method> <route>` -> upper bound ("+Inf" too) -> cumulative count. */
  buckets: Map<string, Map<string, number>>;
}

const empty = (at: number): Snapshot => ({ at, requests: new Map(), buckets: new Map() });

const inner = (m: Map<string, Map<string, number>>, key: string) => m.get(key) ?? m.set(key, new Map()).get(key)!;

async function take(registry: Registry): Promise<Snapshot> {
  const snap = empty(Date.now());
  const requests = await registry.getSingleMetric("http_server_requests_total")?.get();
  for (const v of requests?.values ?? []) inner(snap.requests, `${v.labels.method} ${v.labels.route}`).set(String(v.labels.status), v.value);
  const duration = await registry.getSingleMetric("http_server_duration_seconds")?.get();
  for (const v of duration?.values ?? []) {
    if (v.labels.le === undefined) continue; // _sum and _count
    inner(snap.buckets, `${v.labels.method} ${v.labels.route}`).set(String(v.labels.le), v.value);
  }
  return snap;
}

const diff = (now: Map<string, number> | undefined, then: Map<string, number> | undefined) =>
  new Map([...(now ?? [])].map(([k, n]) => [k, n - (then?.get(k) ?? 0)]));

/** The q-quantile in ms from cumulative bucket counts (upper bound in seconds -> count). */
export function quantileMs(cumulative: Map<string, number>, q: number): number | null {
  const bounds = [...cumulative].map(([le, n]) => ({ le: le === "+Inf" ? Infinity : Number(le), n })).sort((a, b) => a.le - b.le);
  const total = bounds.at(-1)?.n ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const b of bounds) {
    if (b.n >= rank) {
      if (b.le === Infinity) return Math.round(lower * 1000 * 10) / 10; // past the last bound: the largest known
      const within = b.n - below;
      const seconds = within > 0 ? lower + (b.le - lower) * ((rank - below) / within) : b.le;
      return Math.round(seconds * 1000 * 10) / 10;
    }
    lower = b.le;
    below = b.n;
  }
  return null;
}

export interface RouteStats {
  start(): void;
  stop(): void;
  read(): Promise<RoutesAnswer>;
}

export function createRouteStats(registry: Registry): RouteStats {
  const ring: Snapshot[] = [];
  let timer: NodeJS.Timeout | undefined;
  const record = () =>
    void take(registry).then(
      (s) => {
        ring.push(s);
        if (ring.length > kept) ring.shift();
      },
      () => undefined, // a missed snapshot only widens the next window
    );
  return {
    start() {
      record();
      timer = setInterval(record, everyMs);
      timer.unref();
    },
    stop: () => clearInterval(timer),
    async read() {
      const now = await take(registry);
      const base = ring.find((s) => now.at - s.at <= windowMs + everyMs / 2) ?? empty(now.at);
      const seconds = Math.max(1, (now.at - base.at) / 1000);
      const routes: RouteFigures[] = [];
      for (const [key, statuses] of now.requests) {
        const space = key.indexOf(" ");
        const window = diff(statuses, base.requests.get(key));
        const count = (pick: (status: number) => boolean) => [...window].reduce((sum, [s, n]) => sum + (pick(Number(s)) ? n : 0), 0);
        const requests = count(() => true);
        routes.push({
          method: key.slice(0, space),
          route: key.slice(space + 1),
          requests,
          perSecond: Math.round((requests / seconds) * 1000) / 1000,
          errorRate: requests ? count((s) => s >= 500) / requests : 0,
          clientErrorRate: requests ? count((s) => s >= 400 && s < 500) / requests : 0,
          p99Ms: quantileMs(diff(now.buckets.get(key), base.buckets.get(key)), 0.99),
          total: [...statuses.values()].reduce((a, b) => a + b, 0),
        });
      }
      routes.sort((a, b) => b.perSecond - a.perSecond || a.route.localeCompare(b.route) || a.method.localeCompare(b.method));
      return { windowSeconds: Math.round(seconds), routes };
    },
  };
}
