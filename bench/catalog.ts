// `npm run bench:catalog`: the shopper's two hottest reads through the gateway under autocannon —
// a product detail (with each SKU's stock) and a 20-product list — with the CPU time each request
// costs the gateway, the product service, the inventory service and PostgreSQL.
//
// The frame (system with its seeded demo catalog, settings, memory, exit code) is bench/run.ts.
// The gateway's micro-cache is on as in production; SHOP_GATEWAY_MICROCACHE_MS=0 measures without it.
import type { LauncherRun } from "@shop/launcher/harness";
import { cpuGroups, cpuMs, perRequest } from "./cpu.ts";
import { measure, say, warmUp } from "./measure.ts";
import { runBenchmark } from "./run.ts";
import { fetchJson, resultTable, type Row } from "./table.ts";

const measured = ["gateway", "product", "inventory", "postgres"];

/** Every on-sale product id, page by page. */
async function allProductIds(api: string): Promise<string[]> {
  const ids: string[] = [];
  let token = "";
  do {
    const page = await fetchJson(`${api}/api/v1/products?page_size=100${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
    ids.push(...(page.products as { id: string }[]).map((p) => p.id));
    token = typeof page.nextPageToken === "string" ? page.nextPageToken : "";
  } while (token);
  return ids;
}

/** The paths of the first `n` pages of 20 products (each page token leads to the next). */
async function listPages(api: string, n: number): Promise<string[]> {
  const paths = ["/api/v1/products?page_size=20"];
  while (paths.length < n) {
    const page = await fetchJson(`${api}${paths[paths.length - 1]!}`);
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
    const load = { ...target, method: "GET" as const, headers: {} };
    await warmUp(load);
    const before = cpuMs(groups);
    const figures = await measure(load);
    rows.push({ ...figures, cpuMsPerRequest: perRequest(before, cpuMs(groups), figures.requests) });
  }
  return rows;
}

say(`gateway micro-cache: ${process.env.SHOP_GATEWAY_MICROCACHE_MS ?? "500 (default)"} ms`);
runBenchmark({
  starting: "the system and seeding the demo catalog",
  startTimeoutMs: 600_000,
  bench: async (run, ceiling) => {
    const rows = await bench(run);
    return { rows, table: resultTable(rows, ceiling, measured) };
  },
});
