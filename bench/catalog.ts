// `npm run bench:catalog`: the shopper's two hottest reads through the gateway under autocannon —
// a product detail (with each SKU's stock) and a 20-product list — with the CPU time each request
// costs the gateway, the product service, the inventory service and PostgreSQL.
//
// The system runs as `npm start` runs it (the launcher as a child process, which seeds the demo
// catalog on its first start), set up as bench/env.ts says. BENCH_DURATION_S (default 10),
// BENCH_CONNECTIONS (default 50) and BENCH_WARMUP_S (default 3) size the runs. The gateway's
// micro-cache is on as in production; SHOP_GATEWAY_MICROCACHE_MS=0 measures without it.
import { rmSync } from "node:fs";
import { startLauncher, stopLauncher, type LauncherRun } from "@shop/launcher/harness";
import { dropDatabases } from "@shop/testkit/servers";
import { cpuGroups, cpuMs, perRequest } from "./cpu.ts";
import { benchSystem } from "./env.ts";
import { runLoad, type LoadFigures } from "./load.ts";
import { memoryTable, systemMemory } from "./memory.ts";

const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const warmupS = Number(process.env.BENCH_WARMUP_S ?? 3);
const measured = ["gateway", "product", "inventory", "postgres"];
const say = (text: string) => void process.stderr.write(`${text}\n`);

interface Row extends LoadFigures {
  cpuMsPerRequest: Record<string, number>;
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url);
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

function resultTable(rows: Row[]): string {
  const cpuHead = measured.map((m) => m.padStart(10)).join(" ");
  const head = `  ${"target".padEnd(40)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"requests".padStart(9)} ${"errors".padStart(7)} ${"non-2xx".padStart(8)}   ${cpuHead}`;
  const line = (r: Row) =>
    `  ${r.title.padEnd(40)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.requests).padStart(9)} ${String(r.errors + r.timeouts).padStart(7)} ${String(r.non2xx).padStart(8)}   ${measured.map((m) => r.cpuMsPerRequest[m]!.toFixed(3).padStart(10)).join(" ")}`;
  return [`results (${connections} connections, ${durationS} s each; the last columns are CPU ms per request):`, head, ...rows.map(line)].join("\n");
}

/** Every on-sale product id, page by page. */
async function allProductIds(api: string): Promise<string[]> {
  const ids: string[] = [];
  let token = "";
  do {
    const page = await getJson(`${api}/api/v1/products?page_size=100${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
    ids.push(...(page.products as { id: string }[]).map((p) => p.id));
    token = typeof page.nextPageToken === "string" ? page.nextPageToken : "";
  } while (token);
  return ids;
}

/** The paths of the first `n` pages of 20 products (each page token leads to the next). */
async function listPages(api: string, n: number): Promise<string[]> {
  const paths = ["/api/v1/products?page_size=20"];
  while (paths.length < n) {
    const page = await getJson(`${api}${paths[paths.length - 1]!}`);
    const token = typeof page.nextPageToken === "string" ? page.nextPageToken : "";
    if (!token) break;
    paths.push(`/api/v1/products?page_size=20&page_token=${encodeURIComponent(token)}`);
  }
  return paths;
}

async function bench(run: LauncherRun): Promise<Row[]> {
  const api = run.ready.urls.gateway;
  const ids = await allProductIds(api);
  if (ids.length < 20) throw new Error(`the catalog lists ${ids.length} products; expected the seeded demo catalog`);
  // Detail requests go round every product, lists round the first pages, so no single hot key
  // flatters the caches.
  const targets = [
    { title: `product detail  GET /api/v1/products/:id (${ids.length} ids)`, url: api, paths: ids.map((id) => `/api/v1/products/${id}`) },
    { title: "20-item list    GET /api/v1/products (5 pages)", url: api, paths: await listPages(api, 5) },
  ];
  const groups = cpuGroups(run.ready.pids, measured);
  const rows: Row[] = [];
  for (const target of targets) {
    const load = { ...target, method: "GET" as const, headers: {}, connections };
    say(`${target.title}: ${warmupS} s warm-up, then ${durationS} s measured`);
    if (warmupS > 0) await runLoad({ ...load, durationS: warmupS, quiet: true });
    const before = cpuMs(groups);
    const figures = await runLoad({ ...load, durationS });
    rows.push({ ...figures, cpuMsPerRequest: perRequest(before, cpuMs(groups), figures.requests) });
  }
  return rows;
}

async function main(): Promise<number> {
  const { env, dataDir, dbPrefix } = await benchSystem();
  say(`starting the system and seeding the demo catalog (${dbPrefix ? "PostgreSQL from SHOP_POSTGRES_URL" : "embedded PostgreSQL, first start"}) ...`);
  let run: LauncherRun | undefined;
  try {
    run = await startLauncher("node", env, 600_000);
    const { catalog } = run.ready;
    say(`gateway micro-cache: ${process.env.SHOP_GATEWAY_MICROCACHE_MS ?? "500 (default)"} ms`);
    say(`services ready in ${(run.ready.startupMs / 1000).toFixed(1)} s; ${catalog}`);
    const idle = systemMemory(run.ready.pids);
    const rows = await bench(run);
    const loaded = systemMemory(run.ready.pids);
    console.log(`\nstart to ready (services, before seeding): ${(run.ready.startupMs / 1000).toFixed(2)} s; demo catalog: ${catalog}\n`);
    console.log(resultTable(rows));
    console.log(`\n${memoryTable("when ready, before the load", idle)}\n\n${memoryTable("right after the load", loaded)}\n`);
    const exit = await stopLauncher(run);
    if (exit.code !== 0) throw new Error(`the launcher stopped badly: ${JSON.stringify(exit)}`);
    const failed = rows.filter((r) => r.errors + r.timeouts + r.non2xx > 0 || r.requests === 0);
    if (failed.length) say(`errors in: ${failed.map((r) => r.title).join(", ")}`);
    return failed.length ? 1 : 0;
  } finally {
    if (run) await stopLauncher(run);
    if (dbPrefix) await dropDatabases(dbPrefix, process.env.SHOP_POSTGRES_URL);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
