// `npm run bench:checkout`: orders placed end to end through the gateway. Each of BENCH_CONNECTIONS
// shoppers loops: add a unit to the cart, place the order (an Idempotency-Key each), so every order
// is a real saga (cart → product prices → address → stock reserved → AWAITING_PAYMENT → the cart
// emptied by event). Prints orders/s (a ratio to the bare node:http ceiling of the same run), the
// latency of the place call, errors, and the CPU time one order costs each service and PostgreSQL.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ratio, type Ceiling } from "./ceiling.ts";
import { cpuGroups, cpuMs, perRequest } from "./cpu.ts";
import type { LoadFigures } from "./load.ts";
import { connections, durationS, say } from "./measure.ts";
import { runBenchmark } from "./run.ts";
import { fetchJson } from "./table.ts";

const measured = ["gateway", "user", "product", "inventory", "cart", "order", "postgres"];
/** SKUs the shoppers rotate through, so an order's line removal (an event, a moment later) never empties the next order's cart. */
const skuCount = 8;
const warmupS = Number(process.env.BENCH_WARMUP_S ?? 3);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function call(api: string, method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, json };
}

interface Shopper {
  token: string;
  addressId: string;
}

async function makeShopper(api: string, i: number): Promise<Shopper> {
  const name = `bench${i}_${randomBytes(3).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  await fetchJson(`${api}/api/v1/auth/register`, { method: "POST", body: JSON.stringify({ username: name, email: `${name}@example.com`, password }) });
  const { accessToken } = await fetchJson(`${api}/api/v1/auth/login`, { method: "POST", body: JSON.stringify({ login: name, password }) });
  const token = accessToken as string;
  const address = { recipientName: "Bench", phone: "+1 555 0100", countryCode: "US", city: "Springfield", line1: "1 Main St", postalCode: "12345" };
  const { id } = await fetchJson(`${api}/api/v1/users/me/addresses`, { method: "POST", headers: bearer(token), body: JSON.stringify(address) });
  return { token, addressId: id as string };
}

interface Loop {
  orders: number;
  errors: number;
  latencies: number[];
  firstError?: string;
}

/** Every shopper adds and orders until `untilMs`; the place call's latency is what is recorded. */
async function shop(api: string, shoppers: Shopper[], skus: string[], untilMs: number): Promise<Loop> {
  const loop: Loop = { orders: 0, errors: 0, latencies: [] };
  await Promise.all(
    shoppers.map(async (s, n) => {
      for (let i = n; Date.now() < untilMs; i++) {
        const added = await call(api, "POST", "/api/v1/cart/items", s.token, { skuId: skus[i % skus.length], quantity: 1 });
        const started = performance.now();
        const placed =
          added.status === 200 ? await call(api, "POST", "/api/v1/orders", s.token, { addressId: s.addressId }, { "idempotency-key": randomUUID() }) : added;
        if (placed.status === 200) {
          loop.orders++;
          loop.latencies.push(performance.now() - started);
        } else {
          loop.errors++;
          loop.firstError ??= `${placed.status} ${JSON.stringify(placed.json)}`;
        }
      }
    }),
  );
  return loop;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

runBenchmark({
  starting: "the system",
  async bench(run, ceiling: Ceiling, system) {
    const api = run.ready.urls.gateway;
    const admin = readFileSync(join(system.dataDir, "demo-seed.username"), "utf8").trim();
    const password = readFileSync(join(system.dataDir, "demo-seed.password"), "utf8").trim();
    const { accessToken } = await fetchJson(`${api}/api/v1/auth/login`, { method: "POST", body: JSON.stringify({ login: admin, password }) });
    const list = await fetchJson(`${api}/api/v1/products?pageSize=${skuCount}`);
    const skus: string[] = [];
    for (const p of list.products as { id: string }[]) {
      const detail = await fetchJson(`${api}/api/v1/products/${p.id}`);
      const skuId = (detail.skus as { id: string }[])[0]!.id;
      await fetchJson(`${api}/api/v1/admin/inventory/${skuId}`, {
        method: "PUT",
        headers: bearer(accessToken as string),
        body: JSON.stringify({ onHand: 100_000_000, reason: "benchmark" }),
      });
      skus.push(skuId);
    }
    say(`making ${connections} shoppers with an address ...`);
    const shoppers: Shopper[] = [];
    for (let i = 0; i < connections; i++) shoppers.push(await makeShopper(api, i));
    say(`place order: ${warmupS} s warm-up, then ${durationS} s measured (${connections} shoppers in a loop: add to cart, place order)`);
    await shop(api, shoppers, skus, Date.now() + warmupS * 1000);
    const groups = cpuGroups(run.ready.pids, measured);
    const before = cpuMs(groups);
    const started = Date.now();
    const loop = await shop(api, shoppers, skus, started + durationS * 1000);
    const seconds = (Date.now() - started) / 1000;
    const cpu = perRequest(before, cpuMs(groups), loop.orders);
    const sorted = loop.latencies.sort((a, b) => a - b);
    const row: LoadFigures = {
      title: "place order (add to cart + POST /api/v1/orders)",
      requests: loop.orders,
      rps: loop.orders / seconds,
      p50: Math.round(percentile(sorted, 50)),
      p99: Math.round(percentile(sorted, 99)),
      errors: loop.errors,
      timeouts: 0,
      non2xx: 0,
    };
    if (loop.firstError) say(`first error: ${loop.firstError}`);
    const cpuHead = measured.map((m) => m.padStart(9)).join(" ");
    const table = [
      `results (${connections} shoppers, ${durationS} s; p50/p99 of the place call; the last columns are CPU ms per order, the add to cart included):`,
      `  ${"target".padEnd(50)} ${"orders/s".padStart(8)} ${"×ceil".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"orders".padStart(7)} ${"errors".padStart(7)}   ${cpuHead}`,
      `  ${row.title.padEnd(50)} ${row.rps.toFixed(0).padStart(8)} ${ratio(row.rps, ceiling).padStart(7)} ${String(row.p50).padStart(7)} ${String(row.p99).padStart(7)} ${String(row.requests).padStart(7)} ${String(row.errors).padStart(7)}   ${measured.map((m) => cpu[m]!.toFixed(3).padStart(9)).join(" ")}`,
    ].join("\n");
    return { rows: [row], table };
  },
});
