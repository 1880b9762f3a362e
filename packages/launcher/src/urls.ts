// Where to reach the running system, as printed once everything is ready.
import type { ServicePorts } from "./supervisor.ts";

export interface Urls {
  gateway: string;
  docs: string;
  openapi: string;
  healthz: string;
  userConnect: string;
  userGrpc: string;
}

/** A wildcard bind address is not something to type into a browser. */
export function displayHost(bindHost: string): string {
  return ["0.0.0.0", "::", ""].includes(bindHost) ? "127.0.0.1" : bindHost.includes(":") ? `[${bindHost}]` : bindHost;
}

export function systemUrls(host: string, gateway: ServicePorts, user: ServicePorts): Urls {
  const base = `http://${host}:${gateway.httpPort}`;
  return {
    gateway: base,
    docs: `${base}/docs`,
    openapi: `${base}/openapi.json`,
    healthz: `${base}/healthz`,
    userConnect: `http://${host}:${user.httpPort}`,
    userGrpc: `${host}:${user.grpcPort}`,
  };
}

export function readyBanner(urls: Urls, startupMs: number, postgres: string): string {
  const rows: [string, string][] = [
    ["REST API", urls.gateway],
    ["API docs", urls.docs],
    ["OpenAPI", urls.openapi],
    ["health", urls.healthz],
    ["user Connect", `${urls.userConnect}  (curl -X POST -H 'content-type: application/json')`],
    ["user gRPC", `${urls.userGrpc}  (HTTP/2 cleartext)`],
    ["PostgreSQL", postgres],
  ];
  return [
    "",
    `Shop is ready (${(startupMs / 1000).toFixed(1)} s from start)`,
    ...rows.map(([k, v]) => `  ${k.padEnd(13)} ${v}`),
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}
