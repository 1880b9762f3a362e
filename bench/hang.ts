// What a hung dependency (accepts connections, never answers) costs a request: for Redis, PostgreSQL
// and RabbitMQ in turn, a TCP proxy (testkit) in front of the real server hangs for BENCH_HANG_S
// (default 10) while 4 workers run a representative call back to back on the kit's clients:
//   Redis hung:      a product read (read-through cache on Redis, PostgreSQL behind it)
//   PostgreSQL hung: a write (a row in a transaction)
//   RabbitMQ hung:   an order-like write (a row and its event in the outbox; the relay publishes)
// Printed per phase (before, during, after the hang): p50/p99/max per call, as a ratio to the goal
// of 200 ms, the calls' outcomes, and the time to recover after the hang ends. The ceiling of the
// same run (bench/ceiling.ts) is printed beside them. Needs the servers of the development machine.
import { randomBytes } from "node:crypto";
import { create } from "@bufbuild/protobuf";
import { sql } from "drizzle-orm";
import { Int32ValueSchema } from "@bufbuild/protobuf/wkt";
import { createAmqpBus } from "@shop/kit/bus/amqp";
import { enqueue } from "@shop/kit/bus/outbox";
import { startOutboxRelay } from "@shop/kit/bus/outbox-relay";
import { jsonCodec } from "@shop/kit/cache/port";
import { readThrough } from "@shop/kit/cache/read-through";
import { createRedisCache } from "@shop/kit/cache/redis";
import { createDb, databaseUrl, ensureDatabase, migrate } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { breakerState } from "@shop/kit/metrics";
import { amqpUrl, deleteAmqpObjects } from "@shop/testkit/rabbitmq";
import { dropRedisKeys, testRedisUrl } from "@shop/testkit/redis";
import { dropDatabases, postgresUrl, uniqueDbPrefix } from "@shop/testkit/servers";
import { startTcpProxy, type TcpProxy } from "@shop/testkit/tcp-proxy";
import { measureCeiling } from "./ceiling.ts";
import { say } from "./measure.ts";

const hangS = Number(process.env.BENCH_HANG_S ?? 10);
const phaseS = 3;
const workers = 4;
const goalMs = 200;
const logger = createLogger("bench-hang", "silent");
const run = `b${randomBytes(4).toString("hex")}`;
const prefix = uniqueDbPrefix();
const kitMigrations = new URL("../packages/kit/migrations", import.meta.url).pathname;

type Outcome = "ok" | "failed";
interface Phase {
  name: string;
  ms: number[];
  outcomes: Record<Outcome, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** Runs `call` on `workers` loops until `stop()`, recording each call's time and outcome in the phase `current()`. */
function drive(call: () => Promise<void>, current: () => Phase): { stop: () => Promise<void> } {
  let stopped = false;
  const loops = Array.from({ length: workers }, async () => {
    while (!stopped) {
      const t0 = performance.now();
      const outcome: Outcome = await call().then(
        () => "ok" as const,
        () => "failed" as const,
      );
      const phase = current(); // where the call ended: one caught by the hang's start counts as during
      phase.ms.push(performance.now() - t0);
      phase.outcomes[outcome]++;
      if (outcome === "failed") await sleep(5); // a client backs off a little on a 503
    }
  });
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

const newPhase = (name: string): Phase => ({ name, ms: [], outcomes: { ok: 0, failed: 0 } });

/** Before, during and after a hang of `proxy`; `recovered` is polled after the hang ends. */
async function scenario(title: string, proxy: TcpProxy, call: () => Promise<void>, recovered: () => Promise<boolean>): Promise<string[]> {
  say(`${title}: ${phaseS} s before, ${hangS} s hung, then until recovered and ${phaseS} s more`);
  const phases = [newPhase("before"), newPhase("during"), newPhase("after")];
  let at = 0;
  const driver = drive(call, () => phases[at]!);
  await sleep(phaseS * 1000);
  at = 1;
  proxy.hang(true);
  await sleep(hangS * 1000);
  proxy.hang(false);
  at = 2;
  const unhung = performance.now();
  while (!(await recovered().catch(() => false))) await sleep(20);
  const recoverMs = performance.now() - unhung;
  await sleep(phaseS * 1000);
  await driver.stop();
  const rows = phases.map((p) => {
    const s = [...p.ms].sort((a, b) => a - b);
    const f = (v: number) => `${v.toFixed(1).padStart(8)} ${`${(v / goalMs).toFixed(2)}×`.padStart(6)}`;
    return `  ${title.padEnd(34)} ${p.name.padEnd(7)} ${String(s.length).padStart(7)} ${f(pct(s, 50))} ${f(pct(s, 99))} ${f(s.at(-1) ?? 0)} ${String(p.outcomes.failed).padStart(7)}`;
  });
  rows.push(`  ${title.padEnd(34)} recovered ${(recoverMs / 1000).toFixed(2)} s after the hang ended`);
  say(rows.join("\n"));
  return rows;
}

const gauge = async (kind: string, target: string) =>
  (await breakerState.get()).values.find((v) => v.labels.kind === kind && v.labels.target === target)?.value;

async function proxyTo(url: string, defaultPort: number): Promise<{ proxy: TcpProxy; url: string }> {
  const u = new URL(url);
  const proxy = await startTcpProxy(u.hostname, Number(u.port || defaultPort));
  u.host = `127.0.0.1:${proxy.port}`;
  return { proxy, url: u.toString() };
}

async function main() {
  const ceiling = await measureCeiling();
  const database = `${prefix}hang`;
  await ensureDatabase(postgresUrl, database);
  const direct = createDb(databaseUrl(postgresUrl, database), 8);
  await migrate(direct, kitMigrations, "kit");
  await direct.$client.query("create table if not exists products (id int primary key, title text not null)");
  await direct.$client.query("create table if not exists writes (id serial primary key, at timestamptz not null default now())");
  await direct.$client.query("insert into products select i, 'product ' || i from generate_series(1, 100) i on conflict do nothing");
  const rows: string[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  try {
    // Redis hung: product reads.
    const r = await proxyTo(testRedisUrl, 6379);
    closers.push(() => r.proxy.close());
    const keyPrefix = `${run}:`;
    const cache = await createRedisCache({ url: r.url, keyPrefix, logger });
    closers.push(
      () => cache.close(),
      () => dropRedisKeys(testRedisUrl, keyPrefix),
    );
    const products = readThrough(cache, { ttlMs: 60_000, codec: jsonCodec<{ id: number; title: string }>() });
    let n = 0;
    const read = async () => {
      const id = (n++ % 100) + 1;
      await products.get(
        String(id),
        async () => (await direct.$client.query<{ id: number; title: string }>("select id, title from products where id = $1", [id])).rows[0]!,
      );
    };
    rows.push(...(await scenario("Redis hung: product read", r.proxy, read, async () => (await gauge("redis", `cache ${keyPrefix}`)) === 0)));

    // PostgreSQL hung: a write.
    const p = await proxyTo(databaseUrl(postgresUrl, database), 5432);
    closers.push(() => p.proxy.close());
    const viaProxy = createDb(p.url, 8);
    closers.push(() => viaProxy.$client.end());
    const insert = async () => void (await viaProxy.transaction((tx) => tx.execute(sql`insert into writes default values`)));
    rows.push(...(await scenario("PostgreSQL hung: a write", p.proxy, insert, () => insert().then(() => true))));

    // RabbitMQ hung: order-like writes, their events through the outbox.
    const a = await proxyTo(amqpUrl, 5672);
    closers.push(() => a.proxy.close());
    const exchange = `${run}.events`;
    const bus = await createAmqpBus({ url: a.url, exchange, logger, connectionName: `${run} bench` });
    closers.push(
      () => bus.close(),
      () => deleteAmqpObjects([], [exchange, `${exchange}.delay`]),
    );
    const relay = startOutboxRelay(direct, bus, logger, { pollMs: 200 });
    closers.push(() => relay.stop());
    const order = async () =>
      void (await direct.transaction(async (tx) => {
        await tx.execute(sql`insert into writes default values`);
        await enqueue(tx, { topic: "bench.order", schema: Int32ValueSchema }, create(Int32ValueSchema, { value: n++ }));
      }));
    // Recovered: every event written before the hang ended has gone out (writes go on meanwhile).
    let upTo: string | undefined;
    const drained = async () => {
      upTo ??= (await direct.$client.query<{ s: string }>("select coalesce(max(seq), 0)::text as s from kit_outbox")).rows[0]!.s;
      const { rows } = await direct.$client.query<{ n: string }>("select count(*)::text as n from kit_outbox where sent_at is null and seq <= $1", [upTo]);
      return rows[0]!.n === "0";
    };
    rows.push(...(await scenario("RabbitMQ hung: order write + event", a.proxy, order, drained)));
  } finally {
    // A close that waits on a server is not worth waiting for at the end of a benchmark.
    for (const close of closers.reverse()) await Promise.race([close().catch(() => undefined), sleep(5000)]);
    await direct.$client.end();
    await dropDatabases(prefix);
  }
  const f = (h: string) => `${h.padStart(8)} ${"×goal".padStart(6)}`;
  console.log(`\nceiling (bare node:http hello world): p50 ${ceiling.p50} ms, p99 ${ceiling.p99} ms; goal per call while a dependency hangs: ${goalMs} ms\n`);
  console.log(`  ${"scenario".padEnd(34)} ${"phase".padEnd(7)} ${"calls".padStart(7)} ${f("p50 ms")} ${f("p99 ms")} ${f("max ms")} ${"failed".padStart(7)}`);
  console.log(rows.join("\n"));
  console.log(`\n(${workers} workers back to back; "failed" calls were refused fast as unavailable, the 503 a client sees)`);
}

await main();
process.exit(0);
