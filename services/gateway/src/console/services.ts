// GET /api/v1/admin/ops/services: every deployable with its registered instances, each asked at
// once for its readiness (/readyz, with the check names) and its start time (/metrics'
// process_start_time_seconds, which prom-client's default metrics give every process). This gateway
// answers for itself from memory; other gateways are asked on their operations listener.
import type { Health } from "@shop/kit/health";
import { fetchFrom, settleAll, targetsOf, type Target, type TargetDeps } from "./targets.ts";
import { named, parseMetrics } from "./prom-text.ts";
import type { InstanceView, ServicesAnswer } from "./answers.ts";

export interface SelfInfo {
  health: Health;
  id: string;
  address: () => string;
  version: string;
}

const startOf = (metrics: string) => named(parseMetrics(metrics), "process_start_time_seconds")[0]?.value;

function withUptime(view: InstanceView, startSeconds: number | undefined, now: number): InstanceView {
  if (startSeconds === undefined) return view;
  return { ...view, startedAt: new Date(startSeconds * 1000).toISOString(), uptimeSeconds: Math.max(0, Math.round(now / 1000 - startSeconds)) };
}

async function inspect(deps: TargetDeps, t: Target, now: number): Promise<InstanceView> {
  const base = { id: t.id, address: t.address, version: t.version };
  const [readyz, metrics] = await Promise.allSettled([
    fetchFrom(deps, t, "/readyz").then(async (res) => ({ ok: res.ok, body: (await res.json()) as { ready?: unknown; checks?: Record<string, string> } })),
    fetchFrom(deps, t, "/metrics").then((res) => (res.ok ? res.text() : Promise.reject(new Error(`metrics: HTTP ${res.status}`)))),
  ]);
  const view: InstanceView =
    readyz.status === "fulfilled"
      ? { ...base, ready: readyz.value.ok && readyz.value.body.ready === true, checks: readyz.value.body.checks ?? {} }
      : { ...base, ready: false, checks: { readyz: (readyz.reason as Error).message } };
  return withUptime(view, metrics.status === "fulfilled" ? startOf(metrics.value) : undefined, now);
}

export async function listServices(deps: TargetDeps, self: SelfInfo): Promise<ServicesAnswer> {
  const now = Date.now();
  const targets = targetsOf(deps);
  const [own, others] = await Promise.all([self.health.report(), settleAll(targets, (t) => inspect(deps, t, now))]);
  const gateway: InstanceView = withUptime(
    { id: self.id, address: self.address(), version: self.version, ready: own.ready, checks: own.checks, self: true },
    now / 1000 - process.uptime(),
    now,
  );
  const byService = new Map<string, InstanceView[]>([["gateway", [gateway]], ...deps.deployables.map((d): [string, InstanceView[]] => [d, []])]);
  for (const o of others) byService.get(o.target.service)?.push(o.result!); // inspect never rejects
  const services = [...byService].map(([name, instances]) => ({ name, ready: instances.length > 0 && instances.every((i) => i.ready), instances }));
  return { services, checkedAt: new Date(now).toISOString() };
}
