// What `shop cluster` prints once everything is up: both gateways, their operations listeners,
// Prometheus and where each server is (passwords masked).
import type { ReadyCluster } from "./system.ts";

export function clusterBanner(ready: ReadyCluster, catalog: string, elapsedMs: number): string {
  const rows: [string, string][] = [
    ...ready.gateways.map((g, i): [string, string] => [`gateway #${i + 1}`, `${g.api}  (API docs ${g.api}/docs)`]),
    ...ready.gateways.map((g, i): [string, string] => [`operations #${i + 1}`, `${g.ops}/healthz (every instance)  ${g.ops}/metrics  ${g.ops}/sd/prometheus`]),
    ["Prometheus", ready.prometheus ? `${ready.prometheus}/targets` : "not installed (apt-get install -y prometheus); running without it"],
    ["catalog", catalog],
    ["PostgreSQL", ready.infra.where.postgres ?? ""],
    ["etcd", ready.infra.where.etcd ?? ""],
    ["Redis", ready.infra.where.redis ?? ""],
    ["RabbitMQ", ready.infra.where.amqp ?? ""],
    ["pools", `${ready.budget.processes} service processes × ${ready.budget.perProcess} connections (max_connections ${ready.budget.maxConnections})`],
    ["data", ready.dir],
  ];
  const instances = Object.keys(ready.pids).filter((k) => k.includes("#")).length;
  return [
    "",
    `Shop cluster is ready: ${instances} instances (${(elapsedMs / 1000).toFixed(1)} s from start)`,
    ...rows.map(([k, v]) => `  ${k.padEnd(14)} ${v}`),
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}
