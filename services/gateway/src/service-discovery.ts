// GET /sd/prometheus on the operations listener: every live instance the registry knows, in
// Prometheus' HTTP service-discovery format, so a Prometheus pointed here (http_sd_configs) scrapes
// what runs now, also instances started or restarted on new ports. Services expose /metrics on
// their HTTP listener; gateways on their operations listener, which each gateway registers as
// `gateway-ops` for this purpose. Each target's `job` is its deployable, as in the deployment's own
// scrape config (the rules group by job); not a `service` label, which the metrics carry themselves.
import type { Instance } from "@shop/kit/discovery/registry";
import type { FastifyInstance } from "fastify";

/** The registry name under which a gateway announces its operations listener. */
export const opsService = "gateway-ops";

interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

export function installPrometheusSd(app: FastifyInstance, instances: { get(name: string): Instance[] | undefined }, deployables: string[]): void {
  app.get("/sd/prometheus", (_req, reply) => {
    const groups: TargetGroup[] = [];
    for (const name of [...deployables, opsService]) {
      for (const i of instances.get(name) ?? []) {
        const job = name === opsService ? "gateway" : name;
        groups.push({ targets: [`${i.host.includes(":") ? `[${i.host}]` : i.host}:${i.httpPort}`], labels: { job, instance_id: i.id } });
      }
    }
    return reply.type("application/json").send(groups);
  });
}
