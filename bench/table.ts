// The table every load benchmark prints: throughput as a ratio to the ceiling of the same run,
// latency, failures, and the CPU milliseconds each request cost every measured process.
import { ratio, type Ceiling } from "./ceiling.ts";
import type { LoadFigures } from "./load.ts";
import { connections, durationS } from "./measure.ts";

export interface Row extends LoadFigures {
  cpuMsPerRequest: Record<string, number>;
}

export function resultTable(rows: Row[], ceiling: Ceiling, measured: string[]): string {
  const width = Math.max(40, ...rows.map((r) => r.title.length));
  const cpuHead = measured.map((m) => m.padStart(10)).join(" ");
  const head = `  ${"target".padEnd(width)} ${"req/s".padStart(7)} ${"×ceil".padStart(6)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"requests".padStart(9)} ${"errors".padStart(7)} ${"non-2xx".padStart(8)}   ${cpuHead}`;
  const line = (r: Row) =>
    `  ${r.title.padEnd(width)} ${r.rps.toFixed(0).padStart(7)} ${ratio(r.rps, ceiling).padStart(6)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.requests).padStart(9)} ${String(r.errors + r.timeouts).padStart(7)} ${String(r.non2xx).padStart(8)}   ${measured.map((m) => r.cpuMsPerRequest[m]!.toFixed(3).padStart(10)).join(" ")}`;
  return [`results (${connections} connections, ${durationS} s each; the last columns are CPU ms per request):`, head, ...rows.map(line)].join("\n");
}

/** A JSON request that must succeed (setting up a benchmark): its answer, or an error naming the call. */
export async function fetchJson(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const headers = init.body === undefined ? init.headers : { "content-type": "application/json", ...init.headers };
  const res = await fetch(url, { ...init, headers });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}
