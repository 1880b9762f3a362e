// Where to reach the running system, as printed once everything is ready.
import type { ServicePorts } from "./supervisor.ts";

export interface Urls {
  gateway: string;
  /** The web app: the storefront at /, the admin console at /admin. */
  storefront: string;
  admin: string;
  docs: string;
  openapi: string;
  /** Liveness only; the details are on the operations listener. */
  healthz: string;
  /** The gateway's operations listener: /metrics, /debug/traces, /healthz with every instance ("" when on a port picked at start). */
  ops: string;
  /** Each service behind the gateway, by deployable: its Connect (HTTP/1.1) URL and gRPC address. */
  services: Record<string, { connect: string; grpc: string }>;
}

/** A wildcard bind address is not something to type into a browser. */
export function displayHost(bindHost: string): string {
  return ["0.0.0.0", "::", ""].includes(bindHost) ? "127.0.0.1" : bindHost.includes(":") ? `[${bindHost}]` : bindHost;
}

export function systemUrls(host: string, gateway: ServicePorts, backends: Record<string, ServicePorts>, ops: { host: string; port: number }): Urls {
  const base = `http://${host}:${gateway.httpPort}`;
  return {
    gateway: base,
    storefront: `${base}/`,
    admin: `${base}/admin`,
    docs: `${base}/docs`,
    openapi: `${base}/openapi.json`,
    healthz: `${base}/healthz`,
    ops: ops.port ? `http://${displayHost(ops.host)}:${ops.port}` : "",
    services: Object.fromEntries(
      Object.entries(backends).map(([name, p]) => [name, { connect: `http://${host}:${p.httpPort}`, grpc: `${host}:${p.grpcPort}` }]),
    ),
  };
}

export function readyBanner(urls: Urls, elapsedMs: number, postgres: string, catalog: string): string {
  const rows: [string, string][] = [
    ["storefront", urls.storefront],
    ["admin", `${urls.admin} (sign in as an admin: npm run shop -- create-admin)`],
    ["REST API", `${urls.gateway}/api/v1/…`],
    ["API docs", urls.docs],
    ["OpenAPI", urls.openapi],
    ["health", urls.healthz],
    ...(urls.ops ? [["operations", `${urls.ops}/healthz (every instance)  ${urls.ops}/metrics  ${urls.ops}/debug/traces`] as [string, string]] : []),
    ["catalog", catalog],
    ...Object.entries(urls.services).map(([name, u]): [string, string] => [name, `${u.connect} (Connect)  ${u.grpc} (gRPC, HTTP/2 cleartext)`]),
    ["PostgreSQL", postgres],
  ];
  return [
    "",
    `Shop is ready (${(elapsedMs / 1000).toFixed(1)} s from start)`,
    ...rows.map(([k, v]) => `  ${k.padEnd(13)} ${v}`),
    "  (a service's Connect URL takes POST with JSON: curl -X POST -H 'content-type: application/json')",
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}
