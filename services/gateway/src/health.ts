// Health on two listeners. The public one says only what probes need: /healthz "the process
// answers", /readyz "route traffic here" (the status code). The operations listener (ops.ts) has the
// details: /readyz with the gateway's own checks, /healthz asking every registered instance of every
// service behind the gateway for its /readyz, each with a short timeout, and naming their addresses.
import type { Registry, Instance } from "@shop/kit/discovery/registry";
import type { Health } from "@shop/kit/health";
import type { FastifyInstance } from "fastify";

interface InstanceHealth {
  id: string;
  address: string;
  ready: boolean;
  checks: Record<string, string>;
}

/** Keeps the live instance list of each upstream deployable. */
export function watchInstances(registry: Registry, deployables: string[]): { get(name: string): Instance[] | undefined; stop(): void } {
  const lists = new Map<string, Instance[]>();
  const stops = deployables.map((name) => registry.subscribe(name, (list) => lists.set(name, list)));
  return { get: (name) => lists.get(name), stop: () => stops.forEach((s) => s()) };
}

async function probe(instance: Instance, timeoutMs: number): Promise<InstanceHealth> {
  const address = `${instance.host}:${instance.httpPort}`;
  try {
    const res = await fetch(`http://${address}/readyz`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as { ready?: unknown; checks?: Record<string, string> };
    return { id: instance.id, address, ready: res.ok && body.ready === true, checks: body.checks ?? {} };
  } catch (err) {
    const reason = (err as Error).name === "TimeoutError" ? `no answer in ${timeoutMs} ms` : "unreachable";
    return { id: instance.id, address, ready: false, checks: { readyz: reason } };
  }
}

export interface HealthDeps {
  health: Health;
  deployables: string[];
  instances: ReturnType<typeof watchInstances>;
  timeoutMs: () => number;
}

/** The public probes: no check names, no addresses. */
export function installProbeRoutes(app: FastifyInstance, health: Health): void {
  app.get("/healthz", (_req, reply) => reply.send({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    const { ready } = await health.report();
    return reply.code(ready ? 200 : 503).send({ ready });
  });
}

/** The detailed health, for the operations listener. */
export function installHealthDetailRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get("/readyz", async (_req, reply) => {
    const report = await deps.health.report();
    return reply.code(report.ready ? 200 : 503).send({ service: "gateway", ...report });
  });
  app.get("/healthz", async (_req, reply) => {
    const services: Record<string, { instances: InstanceHealth[] }> = {};
    await Promise.all(
      deps.deployables.map(async (name) => {
        const list = deps.instances.get(name) ?? [];
        services[name] = { instances: await Promise.all(list.map((i) => probe(i, deps.timeoutMs()))) };
      }),
    );
    const ok = Object.values(services).every((s) => s.instances.length > 0 && s.instances.every((i) => i.ready));
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ok" : "degraded", services });
  });
}
