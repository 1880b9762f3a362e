// `npm run bench:seckill`: a flash sale end to end through the gateway, in the infrastructure
// profile (the sale's stock in Redis, events on RabbitMQ; PostgreSQL embedded, or SHOP_POSTGRES_URL).
// An admin schedules a sale of BENCH_SECKILL_UNITS (default 500) units; BENCH_SECKILL_SHOPPERS
// (default 5,000) shoppers, each with an address, each get an attempt token, then each attempts
// once (in waves of 1,000: tokens, then attempts), BENCH_SECKILL_CONCURRENCY (default 200) calls at
// a time; then the bench polls until every won ticket is ORDERED. It checks that units won = orders = min(units, shoppers), that no shopper has
// two orders, that the inventory's invariant holds and that nothing failed (no error, no 5xx), and
// prints attempts/s (a ratio to the bare node:http ceiling of the same run), p50/p99 of the attempt
// call, and the CPU time per attempt and per order of the gateway, seckill, order, inventory,
// PostgreSQL and redis-server (the machine's own Redis: other work on it counts too).
//
// The shoppers are made in seconds (bench/shoppers.ts: their tokens signed with the user service's
// key, no argon2 per shopper). Redis and RabbitMQ: SHOP_REDIS_URL and SHOP_AMQP_URL, default the
// local servers; on a local RabbitMQ the run gets a virtual host of its own (rabbitmqctl), removed
// at exit, so its queues never meet another shop's. The frame is bench/run.ts.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { databaseUrl } from "@shop/kit/db";
import { inventoryViolations } from "@shop/inventory/invariant";
import { embeddedUrl } from "@shop/launcher/postgres";
import pg from "pg";
import { client, type Call } from "../services/gateway/test/helpers.ts";
import {
  attemptPurchase,
  dropRedisKeys,
  inBatches,
  issueToken,
  ordersOfSale,
  outcomeOf,
  scheduleSale,
  settledAttempts,
  tokenOnceStarted,
} from "../test/flash-sale-shop.ts";
import { ratio, type Ceiling } from "./ceiling.ts";
import { cpuMs, perRequest, type CpuGroups } from "./cpu.ts";
import type { BenchSystem } from "./env.ts";
import type { LoadFigures } from "./load.ts";
import { say } from "./measure.ts";
import { runBenchmark } from "./run.ts";
import { bulkShoppers, type BulkShopper } from "./shoppers.ts";
import { resultTable, type Row } from "./table.ts";

const units = Number(process.env.BENCH_SECKILL_UNITS ?? 500);
const shopperCount = Number(process.env.BENCH_SECKILL_SHOPPERS ?? 5000);
const concurrency = Number(process.env.BENCH_SECKILL_CONCURRENCY ?? 200);
/** Shoppers per wave (tokens, then attempts). */
const wave = Math.max(concurrency, 1000);
const measured = ["gateway", "seckill", "order", "inventory", "postgres", "redis-server"];

// The infrastructure profile, with names of this run's own: Redis keys and databases under the
// prefix, RabbitMQ queues in a virtual host (when we may make one).
const redisUrl = (process.env.SHOP_REDIS_URL ??= "redis://127.0.0.1:6379");
process.env.SHOP_DB_PREFIX ??= `seckillbench${randomBytes(3).toString("hex")}_`;
if (!process.env.SHOP_AMQP_URL) process.env.SHOP_AMQP_URL = ownVirtualHost(process.env.SHOP_DB_PREFIX.replace(/_$/, ""));

/** amqp://guest:guest@127.0.0.1:5672/<name>, made with rabbitmqctl and removed at exit; the default host when that is not possible. */
function ownVirtualHost(name: string): string {
  const base = "amqp://guest:guest@127.0.0.1:5672";
  try {
    execFileSync("rabbitmqctl", ["add_vhost", name], { stdio: "ignore" });
    execFileSync("rabbitmqctl", ["set_permissions", "-p", name, "guest", ".*", ".*", ".*"], { stdio: "ignore" });
  } catch {
    say("could not make a RabbitMQ virtual host (rabbitmqctl); using the default one: do not run another shop on this broker meanwhile");
    return base;
  }
  process.on("exit", () => {
    try {
      execFileSync("rabbitmqctl", ["delete_vhost", name], { stdio: "ignore" });
    } catch {
      // best effort: a leftover host is harmless
    }
  });
  return `${base}/${name}`;
}

/** CPU groups: the launcher's pids, PostgreSQL with its backends, and the machine's redis-server. */
function groupsOf(pids: Record<string, number>): CpuGroups {
  const named = (comm: string) =>
    readdirSync("/proc")
      .filter((n) => /^\d+$/.test(n))
      .filter((n) => {
        try {
          return readFileSync(`/proc/${n}/comm`, "utf8").trim() === comm;
        } catch {
          return false;
        }
      })
      .map(Number);
  // "postgres" is the server's pid: cpuMs counts its backends, those gone meanwhile too.
  return Object.fromEntries(measured.map((m) => [m, m === "redis-server" ? named("redis-server") : pids[m] ? [pids[m]] : []]));
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

interface Phase {
  latencies: number[];
  errors: number;
  fiveXx: number;
  firstError?: string;
  seconds: number;
}

/** Runs `one` for every shopper, `concurrency` at once, timing each call; `one` answers the HTTP status and whether it failed. */
async function phase(shoppers: BulkShopper[], one: (s: BulkShopper, i: number) => Promise<{ status: number; failed?: string }>): Promise<Phase> {
  const p = emptyPhase();
  const started = performance.now();
  await inBatches(shoppers, concurrency, async (s, i) => {
    const t = performance.now();
    let answer: { status: number; failed?: string };
    try {
      answer = await one(s, i);
    } catch (err) {
      answer = { status: 0, failed: (err as Error).message };
    }
    p.latencies.push(performance.now() - t);
    if (answer.status >= 500) p.fiveXx++;
    if (answer.failed) {
      p.errors++;
      p.firstError ??= answer.failed;
    }
  });
  p.seconds = (performance.now() - started) / 1000;
  return p;
}

const emptyPhase = (): Phase => ({ latencies: [], errors: 0, fiveXx: 0, seconds: 0 });

function addPhase(total: Phase, p: Phase): void {
  total.latencies.push(...p.latencies);
  total.errors += p.errors;
  total.fiveXx += p.fiveXx;
  total.seconds += p.seconds;
  total.firstError ??= p.firstError;
}

const zeroCpu = () => Object.fromEntries(measured.map((m) => [m, 0]));

function addCpu(total: Record<string, number>, before: Record<string, number>, after: Record<string, number>): void {
  for (const m of measured) total[m]! += after[m]! - before[m]!;
}

const row = (title: string, p: Phase, cpu: Record<string, number>): Row => ({
  title,
  requests: p.latencies.length,
  rps: p.latencies.length / p.seconds,
  p50: Math.round(percentile(p.latencies, 50)),
  p99: Math.round(percentile(p.latencies, 99)),
  errors: p.errors,
  timeouts: 0,
  non2xx: p.fiveXx,
  cpuMsPerRequest: cpu,
});

/** A published product with one SKU holding exactly `stock` units. */
async function saleSku(call: Call, token: string, stock: number): Promise<string> {
  const must = async (what: string, res: Promise<{ status: number; text: string; json: Record<string, unknown> }>) => {
    const r = await res;
    if (r.status !== 200) throw new Error(`${what}: ${r.status} ${r.text}`);
    return r.json;
  };
  const category = await must("category", call("POST", "/api/v1/admin/categories", { token, body: { name: `Flash ${randomBytes(3).toString("hex")}` } }));
  const product = await must(
    "product",
    call("POST", "/api/v1/admin/products", {
      token,
      body: {
        title: "Flash sale teapot",
        categoryId: category.id,
        brand: "Acme",
        images: ["/img/teapot.jpg"],
        skus: [{ priceMinor: "2500", currency: "EUR", specs: [{ key: "colour", value: "red" }] }],
      },
    }),
  );
  const skuId = (product.skus as { id: string }[])[0]!.id;
  await must("publish", call("POST", `/api/v1/admin/products/${product.id as string}/publish`, { token }));
  await must("stock", call("PUT", `/api/v1/admin/inventory/${skuId}`, { token, body: { onHand: stock, reason: "flash sale benchmark" } }));
  return skuId;
}

async function invariantViolations(system: BenchSystem, prefix: string): Promise<number> {
  const server = process.env.SHOP_POSTGRES_URL ?? embeddedUrl(system.dataDir, Number(system.env.SHOP_EMBEDDED_PG_PORT));
  const db = new pg.Client({ connectionString: databaseUrl(server, `${prefix}inventory`) });
  await db.connect();
  try {
    const found = await inventoryViolations(db);
    if (found.length) say(`inventory invariant broken: ${JSON.stringify(found.slice(0, 5))}`);
    return found.length;
  } finally {
    await db.end();
  }
}

runBenchmark({
  starting: `the system with Redis (${redisUrl}) and RabbitMQ`,
  async bench(run, ceiling: Ceiling, system) {
    const api = run.ready.urls.gateway;
    const call = client(Number(new URL(api).port));
    const prefix = system.env.SHOP_DB_PREFIX ?? "shop_";
    const admin = readFileSync(join(system.dataDir, "demo-seed.username"), "utf8").trim();
    const password = readFileSync(join(system.dataDir, "demo-seed.password"), "utf8").trim();
    const login = await call("POST", "/api/v1/auth/login", { body: { login: admin, password } });
    if (login.status !== 200) throw new Error(`admin login: ${login.status} ${login.text}`);
    const adminToken = login.json.accessToken as string;

    const skuId = await saleSku(call, adminToken, units);
    say(`making ${shopperCount} shoppers with an address ...`);
    const server = process.env.SHOP_POSTGRES_URL ?? embeddedUrl(system.dataDir, Number(system.env.SHOP_EMBEDDED_PG_PORT));
    const making = performance.now();
    const shoppers = await bulkShoppers({ api, dataDir: system.dataDir, userDbUrl: databaseUrl(server, `${prefix}user`) }, shopperCount);
    say(`made ${shoppers.length} shoppers in ${((performance.now() - making) / 1000).toFixed(1)} s`);
    const scheduled = await scheduleSale(call, adminToken, {
      skuId,
      quantity: units,
      startsAt: new Date(Date.now() + 3000),
      endsAt: new Date(Date.now() + 3_600_000),
    });
    if (scheduled.status !== 200) throw new Error(`scheduling the sale: ${scheduled.status} ${scheduled.text}`);
    const saleId = scheduled.json.id as string;
    const first = await tokenOnceStarted(call, saleId, shoppers[0]!.token);
    if (first.status !== 200) throw new Error(`the sale did not start: ${first.status} ${first.text}`);

    // In waves: a wave's shoppers get their tokens, then attempt. Attempt tokens are short-lived,
    // so all of them first could see the earliest expire; the two calls are measured apart.
    const groups = groupsOf(run.ready.pids);
    say(`${shopperCount} shoppers get an attempt token, then attempt once, in waves of ${wave}, ${concurrency} calls at a time, for ${units} units ...`);
    const tickets = new Map<string, string>(); // shopper token -> ticket id
    const tokenPhase = emptyPhase();
    const attemptPhase = emptyPhase();
    const tokenCpu = zeroCpu();
    const attemptCpu = zeroCpu();
    const beforeAll = cpuMs(groups);
    const attemptsStarted = performance.now();
    for (let from = 0; from < shoppers.length; from += wave) {
      const these = shoppers.slice(from, from + wave);
      const tokens: string[] = [];
      let before = cpuMs(groups);
      addPhase(
        tokenPhase,
        await phase(these, async (s, i) => {
          const res = await issueToken(call, saleId, s.token);
          tokens[i] = res.json.token as string;
          return { status: res.status, failed: res.status === 200 ? undefined : `token: ${res.status} ${res.text}` };
        }),
      );
      let after = cpuMs(groups);
      addCpu(tokenCpu, before, after);
      before = after;
      addPhase(
        attemptPhase,
        await phase(these, async (s, i) => {
          const res = await attemptPurchase(call, saleId, s.token, tokens[i]!, s.addressId);
          const outcome = outcomeOf(res);
          if (outcome.kind === "won") tickets.set(s.token, outcome.attempt.ticketId);
          return { status: res.status, failed: outcome.kind === "error" ? `attempt: ${outcome.status} ${outcome.text}` : undefined };
        }),
      );
      after = cpuMs(groups);
      addCpu(attemptCpu, before, after);
    }
    tokenPhase.latencies.sort((a, b) => a - b);
    attemptPhase.latencies.sort((a, b) => a - b);
    const perCall = (cpu: Record<string, number>) => perRequest(zeroCpu(), cpu, shopperCount);

    say(`waiting for the ${tickets.size} won tickets to become orders ...`);
    const settled = await settledAttempts(call, saleId, [...tickets.keys()], 300_000, 50);
    const orderedS = (performance.now() - attemptsStarted) / 1000;
    const orderCpu = perRequest(beforeAll, cpuMs(groups), tickets.size);

    // The checks: every unit won once, by distinct shoppers, each won ticket one order, the stock consistent.
    const problems: string[] = [];
    const expected = Math.min(units, shopperCount);
    if (tickets.size !== expected) problems.push(`${tickets.size} units won, expected ${expected}`);
    if (new Set(tickets.values()).size !== tickets.size) problems.push("a ticket was given twice");
    const notOrdered = [...settled.values()].filter((a) => a.status !== "ATTEMPT_STATUS_ORDERED");
    if (notOrdered.length) problems.push(`${notOrdered.length} won tickets not ORDERED, e.g. ${JSON.stringify(notOrdered[0])}`);
    const orders = await ordersOfSale(call, adminToken, saleId);
    if (orders.length !== tickets.size) problems.push(`${orders.length} orders for ${tickets.size} won tickets`);
    const byShopper = new Map<string, number>();
    for (const o of orders) byShopper.set(o.userId, (byShopper.get(o.userId) ?? 0) + 1);
    const twice = [...byShopper.values()].filter((n) => n > 1).length;
    if (twice) problems.push(`${twice} shoppers with more than one order`);
    if (await invariantViolations(system, prefix)) problems.push("the inventory invariant does not hold");
    for (const p of problems) say(`CHECK FAILED: ${p}`);
    for (const p of [tokenPhase, attemptPhase]) if (p.firstError) say(`first error: ${p.firstError}`);

    await dropRedisKeys(redisUrl, prefix).catch((err: Error) => say(`could not remove the run's Redis keys: ${err.message}`));

    const attemptRow = row(`attempt (POST /api/v1/flash-sales/{id}/attempts)`, attemptPhase, perCall(attemptCpu));
    // A failed check fails the run as an error would (bench/run.ts exits 1).
    attemptRow.errors += problems.length;
    const rows: Row[] = [attemptRow, row(`token (POST /api/v1/flash-sales/{id}/token)`, tokenPhase, perCall(tokenCpu))];
    const table = [
      `results (${shopperCount} shoppers once each, ${concurrency} at a time, ${units} units; the last columns are CPU ms per call):`,
      ...resultTable(rows, ceiling, measured).split("\n").slice(1),
      "",
      `attempts: ${attemptPhase.latencies.length} in ${attemptPhase.seconds.toFixed(2)} s = ${attemptRow.rps.toFixed(0)}/s (${ratio(attemptRow.rps, ceiling)} the ceiling), p50 ${attemptRow.p50} ms, p99 ${attemptRow.p99} ms`,
      `won ${tickets.size} of ${units} units; every won ticket ORDERED ${orderedS.toFixed(2)} s after the first token (${(tickets.size / orderedS).toFixed(0)} orders/s)`,
      `CPU ms per order, from the first token to the last order: ${measured.map((m) => `${m} ${orderCpu[m]!.toFixed(3)}`).join(", ")}`,
      `checks (orders = units won = ${expected}, no shopper with two orders, inventory invariant, no errors): ${problems.length ? `FAILED: ${problems.join("; ")}` : "passed"}`,
    ].join("\n");
    const figures: LoadFigures[] = rows;
    return { rows: figures, table };
  },
});
