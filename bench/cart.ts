// `npm run bench:cart`: adding to the cart through the gateway (POST /api/v1/cart/items) under
// autocannon, and reading the cart (GET /api/v1/cart), with the CPU time each request costs the
// gateway, the cart, product and inventory services and PostgreSQL. Goal: adding at 1,000 req/s or
// more with p99 under 50 ms. Carts live in PostgreSQL, or in Redis when SHOP_REDIS_URL is set (give
// SHOP_DB_PREFIX a name of the run's own then: the keys are `<prefix>cart:`).
//
// Requests go round BENCH_CART_USERS shoppers (default 100) and the 5 demo SKUs with the most
// stock, one unit at a time, so no line reaches its limit during the run (checked before it
// starts) and every cart holds a few lines, as a shopper's does.
// The frame (system with its seeded demo catalog, settings, memory, exit code) is bench/run.ts.
import { randomBytes } from "node:crypto";
import { cpuGroups, cpuMs, perRequest } from "./cpu.ts";
import { measure, say, warmUp, type Target } from "./measure.ts";
import { runBenchmark } from "./run.ts";
import { fetchJson, resultTable, type Row } from "./table.ts";

const measured = ["gateway", "cart", "product", "inventory", "postgres"];
const users = Number(process.env.BENCH_CART_USERS ?? 100);
const skuCount = 5;

/** The on-sale SKUs of the first products with the most units available, and those units. */
async function stockedSkus(api: string): Promise<{ id: string; available: number }[]> {
  const page = await fetchJson(`${api}/api/v1/products?page_size=100`);
  const skus: { id: string; available: number }[] = [];
  for (const { id } of (page.products as { id: string }[]).slice(0, 40)) {
    const detail = await fetchJson(`${api}/api/v1/products/${id}`);
    for (const sku of detail.skus as { id: string; available?: number }[]) skus.push({ id: sku.id, available: sku.available ?? 0 });
  }
  return skus.sort((a, b) => b.available - a.available).slice(0, skuCount);
}

async function shopper(api: string, i: number): Promise<string> {
  const name = `cartbench${i}_${randomBytes(3).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  await fetchJson(`${api}/api/v1/auth/register`, { method: "POST", body: JSON.stringify({ username: name, email: `${name}@example.com`, password }) });
  const { accessToken } = await fetchJson(`${api}/api/v1/auth/login`, { method: "POST", body: JSON.stringify({ login: name, password }) });
  return `Bearer ${accessToken as string}`;
}

say(`carts in ${process.env.SHOP_REDIS_URL ? `Redis (${process.env.SHOP_REDIS_URL})` : "PostgreSQL"}`);
runBenchmark({
  starting: "the system and seeding the demo catalog",
  startTimeoutMs: 600_000,
  bench: async (run, ceiling) => {
    const api = run.ready.urls.gateway;
    const skus = await stockedSkus(api);
    const tokens: string[] = [];
    for (let i = 0; i < users; i++) tokens.push(await shopper(api, i));
    // Request n adds one unit for shopper n % users of SKU ⌊n / users⌋ % 5: a line fills up only
    // after users × 5 × its cap adds.
    const capacity = users * skus.reduce((sum, s) => sum + Math.min(99, s.available), 0);
    say(`${users} shoppers × SKUs with ${skus.map((s) => s.available).join(", ")} available: room for ${capacity} adds`);
    const add = (sku: string, token: string) => ({
      path: "/api/v1/cart/items",
      headers: { authorization: token, "content-type": "application/json" },
      body: JSON.stringify({ skuId: sku, quantity: 1 }),
    });
    const targets: Target[] = [
      {
        title: "add to cart  POST /api/v1/cart/items",
        url: api,
        method: "POST",
        headers: {},
        variants: skus.flatMap((s) => tokens.map((t) => add(s.id, t))),
      },
      {
        title: "read cart    GET /api/v1/cart",
        url: api,
        method: "GET",
        headers: {},
        variants: tokens.map((t) => ({ path: "/api/v1/cart", headers: { authorization: t } })),
      },
    ];
    const groups = cpuGroups(run.ready.pids, measured);
    const rows: Row[] = [];
    for (const target of targets) {
      await warmUp(target);
      const before = cpuMs(groups);
      const figures = await measure(target);
      rows.push({ ...figures, cpuMsPerRequest: perRequest(before, cpuMs(groups), figures.requests) });
    }
    return { rows, table: resultTable(rows, ceiling, measured) };
  },
});
