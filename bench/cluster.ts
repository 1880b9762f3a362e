// `npm run bench:cluster`: the checkout mix (bench/checkout-mix.ts) against `shop cluster` with one
// instance of everything, then with two (SHOP_CLUSTER_INSTANCES), on one data folder (seeded once).
// The cluster starts its own PostgreSQL, etcd, Redis and RabbitMQ; its servers' URL variables are
// ignored here, so both runs are alike. Prints requests/s and orders/s with their ratio to the bare
// node:http ceiling measured right before each run, p50/p99 of all requests, errors, and the CPU
// ms one order costs each group of processes (where the time goes).
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startLauncher, stopLauncher } from "@shop/launcher/harness";
import { freePort } from "@shop/launcher/ports";
import { cpuTicks, treeCpuTicks } from "@shop/launcher/proc";
import { measureCeiling, type Ceiling } from "./ceiling.ts";
import { checkoutMix, type MixShopper } from "./checkout-mix.ts";
import { connections, durationS, say } from "./measure.ts";
import { bulkShoppers } from "./shoppers.ts";
import { fetchJson } from "./table.ts";

const warmupS = Number(process.env.BENCH_WARMUP_S ?? 3);
const idleS = 5;
const counts = (process.env.BENCH_CLUSTER_INSTANCES ?? "1,2").split(",").map(Number);
const servers = ["postgres", "rabbitmq", "redis", "etcd", "prometheus"];
// Two significant digits: a checkout is many requests, so orders/s is a small share of a hello world's.
const ratio = (rate: number, ceiling: Ceiling) => `${(rate / ceiling.rps).toPrecision(2)}×`;
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

interface Ready {
  gateways: { api: string }[];
  infra: Record<string, string>;
  pids: Record<string, number>;
}

/** CPU ms so far per group: a service's instances together, each server with its children. */
function cpuByGroup(pids: Record<string, number>): Record<string, number> {
  const groups: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    if (name === "launcher") continue;
    const group = name.split("#")[0]!;
    groups[group] = (groups[group] ?? 0) + ((servers.includes(group) ? treeCpuTicks(pid) : cpuTicks(pid)) ?? 0) * 10;
  }
  return groups;
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), "shop-bench-cluster-"));
  chmodSync(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHOP_DATA_DIR: dataDir,
    SHOP_LOG_LEVEL: process.env.SHOP_LOG_LEVEL ?? "warn",
    SHOP_GATEWAY_HTTP_PORT: String(await freePort()),
    SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "1000000000",
    SHOP_GATEWAY_RATE_LIMIT_PER_USER_PER_MINUTE: "1000000000",
    SHOP_REGISTER_MAX_PER_IP: "1000000",
  };
  for (const v of ["SHOP_POSTGRES_URL", "SHOP_REDIS_URL", "SHOP_AMQP_URL", "SHOP_ETCD_URL", "SHOP_DB_POOL_MAX"]) delete env[v];
  const rows: string[] = [];
  const cpuRows: string[] = [];
  let shoppers: MixShopper[] = [];
  let products: string[] = [];
  const skus: string[] = [];
  let errors = 0;
  try {
    for (const n of counts) {
      say(`starting the cluster with ${n} instance(s) of everything ...`);
      const run = await startLauncher("node", { ...env, SHOP_CLUSTER_INSTANCES: String(n) }, 600_000, "cluster");
      try {
        const ready = run.ready as unknown as Ready;
        const gateways = ready.gateways.map((g) => g.api);
        const api = gateways[0]!;
        if (!shoppers.length) {
          const dir = join(dataDir, "cluster");
          const login = readFileSync(join(dir, "demo-seed.username"), "utf8").trim();
          const password = readFileSync(join(dir, "demo-seed.password"), "utf8").trim();
          const { accessToken } = await fetchJson(`${api}/api/v1/auth/login`, { method: "POST", body: JSON.stringify({ login, password }) });
          const list = await fetchJson(`${api}/api/v1/products?pageSize=8`);
          products = (list.products as { id: string }[]).map((p) => p.id);
          for (const id of products) {
            const skuId = ((await fetchJson(`${api}/api/v1/products/${id}`)).skus as { id: string }[])[0]!.id;
            await fetchJson(`${api}/api/v1/admin/inventory/${skuId}`, {
              method: "PUT",
              headers: { authorization: `Bearer ${accessToken as string}` },
              body: JSON.stringify({ onHand: 100_000_000, reason: "benchmark" }),
            });
            skus.push(skuId);
          }
          const port = /:(\d+) /.exec(ready.infra.postgres!)![1];
          const pgPassword = readFileSync(join(dir, "postgres.password"), "utf8").trim();
          const userDbUrl = `postgres://postgres:${pgPassword}@127.0.0.1:${port}/shop_user`;
          shoppers = await bulkShoppers({ api, dataDir: dir, userDbUrl }, connections);
        }
        // What the cluster burns with no load (pollers, keepalives, health checks, scrapes), before any.
        const idleBefore = cpuByGroup(ready.pids);
        await new Promise((r) => setTimeout(r, idleS * 1000));
        const idleMs = Object.values(cpuByGroup(ready.pids)).reduce((s, ms) => s + ms, 0) - Object.values(idleBefore).reduce((s, ms) => s + ms, 0);
        const ceiling = await measureCeiling();
        say(`${n} instance(s): ${warmupS} s warm-up, then ${durationS} s of the checkout mix (${connections} shoppers over ${gateways.length} gateway(s))`);
        await checkoutMix(gateways, shoppers, products, skus, Date.now() + warmupS * 1000);
        const before = cpuByGroup(ready.pids);
        const started = Date.now();
        const f = await checkoutMix(gateways, shoppers, products, skus, started + durationS * 1000);
        const seconds = (Date.now() - started) / 1000;
        const after = cpuByGroup(ready.pids);
        const sorted = f.latencies.sort((a, b) => a - b);
        const [rps, ops] = [f.requests / seconds, f.orders / seconds];
        errors += f.errors;
        if (f.firstError) say(`first error: ${f.firstError}`);
        rows.push(
          `  ${`${n} of everything`.padEnd(18)} ${ceiling.rps.toFixed(0).padStart(9)} ${rps.toFixed(0).padStart(7)} ${ratio(rps, ceiling).padStart(7)} ${ops.toFixed(1).padStart(9)} ${ratio(ops, ceiling).padStart(7)} ${Math.round(percentile(sorted, 50)).toString().padStart(7)} ${Math.round(percentile(sorted, 99)).toString().padStart(7)} ${String(f.errors).padStart(7)}`,
        );
        const perOrder = Object.keys(after)
          .map((g) => [g, f.orders ? (after[g]! - (before[g] ?? 0)) / f.orders : 0] as const)
          .sort((a, b) => b[1] - a[1]);
        const total = perOrder.reduce((s, [, ms]) => s + ms, 0);
        // Cores the cluster kept busy, and the machine's load: on a shared machine the rest went to others.
        const busy = (total * f.orders) / (seconds * 1000);
        cpuRows.push(
          `  ${n} of everything: ${total.toFixed(1)} CPU ms per order (the cluster kept ${busy.toFixed(2)} cores busy, ${(idleMs / (idleS * 1000)).toFixed(2)} when idle; machine load average ${loadavg()[0]!.toFixed(1)}) = ${perOrder.map(([g, ms]) => `${g} ${ms.toFixed(1)}`).join(", ")}`,
        );
      } finally {
        const exit = await stopLauncher(run, 120_000);
        if (exit.code !== 0) say(`the cluster stopped badly: ${JSON.stringify(exit)}`);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\ncheckout mix (list, detail, add to cart, quote, order, payment, pay on the sandbox), ${connections} shoppers, ${durationS} s each:`);
  console.log(
    `  ${"cluster".padEnd(18)} ${"ceil r/s".padStart(9)} ${"req/s".padStart(7)} ${"×ceil".padStart(7)} ${"orders/s".padStart(9)} ${"×ceil".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(7)}`,
  );
  console.log(rows.join("\n"));
  console.log(`\nwhere the CPU goes (all processes of a group together; the machine has the cores it has):\n${cpuRows.join("\n")}\n`);
  return errors ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
