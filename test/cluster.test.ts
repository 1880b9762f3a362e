// `shop cluster` end to end, as an operator runs it: PostgreSQL and Redis are the machine's (given
// by URL, with a database prefix and Redis keys of this test's own), etcd and RabbitMQ are started by
// the command (that path is tested here). Two instances of everything register in etcd; requests
// work through both gateways, with tokens from one accepted by the other; a SIGKILLed product
// instance is restarted while requests keep succeeding; Prometheus scrapes every instance; Ctrl-C
// stops it all and leaves nothing behind. About 20 processes: it takes both whole-shop slots.
import assert from "node:assert/strict";
import { existsSync, chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Etcd3 } from "etcd3";
import { launchedServices } from "@shop/launcher/config";
import { killAll, startLauncher, stopLauncher, type LauncherRun } from "@shop/launcher/harness";
import { freePort } from "@shop/launcher/ports";
import { isRunning, waitGone } from "@shop/launcher/proc";
import { testRedisUrl, dropRedisKeys } from "@shop/testkit/redis";
import { dropDatabases, postgresUrl, requirePostgres, requireTcp, uniqueDbPrefix } from "@shop/testkit/servers";
import { takeSlot } from "@shop/testkit/slots";
import { waitFor } from "@shop/testkit/wait";
import { call, ok } from "./helpers/json-call.ts";

interface ClusterReady {
  gateways: { api: string; ops: string }[];
  prometheus?: string;
  infra: Record<string, string>;
  pids: Record<string, number>;
}

const prometheusInstalled = existsSync("/usr/bin/prometheus");
const dbPrefix = uniqueDbPrefix();
const dataDir = mkdtempSync(join(tmpdir(), "shop-cluster-"));
chmodSync(dataDir, 0o755);
const releases: (() => void)[] = [];
let run: LauncherRun | undefined;
let ready: ClusterReady;
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

async function okCall(base: string, method: string, path: string, body?: unknown, token?: string) {
  return ok(await call(base, method, path, body, token), `${method} ${base}${path}`);
}

const etcdUrl = () => ready.infra.etcd!.split(" ")[0]!;

async function registered(): Promise<Record<string, number>> {
  const etcd = new Etcd3({ hosts: etcdUrl() });
  try {
    const keys = await etcd.getAll().prefix("/shop/services/").keys();
    const counts: Record<string, number> = {};
    for (const key of keys) {
      const service = key.split("/")[3]!;
      counts[service] = (counts[service] ?? 0) + 1;
    }
    return counts;
  } finally {
    etcd.close();
  }
}

before(async () => {
  await requirePostgres();
  const redis = new URL(testRedisUrl);
  await requireTcp("Redis", redis.hostname, Number(redis.port || 6379));
  // Both whole-shop slots: nothing else of this size runs beside the cluster.
  releases.push(await takeSlot("stack", 2));
  releases.push(await takeSlot("stack", 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHOP_DATA_DIR: dataDir,
    SHOP_POSTGRES_URL: postgresUrl,
    SHOP_DB_PREFIX: dbPrefix,
    SHOP_DB_POOL_MAX: "2",
    SHOP_REDIS_URL: testRedisUrl,
    SHOP_GATEWAY_HTTP_PORT: String(await freePort()),
    SHOP_LOG_LEVEL: "warn",
  };
  delete env.SHOP_ETCD_URL;
  delete env.SHOP_AMQP_URL;
  run = await startLauncher("node", env, 420_000, "cluster");
  ready = run.ready as unknown as ClusterReady;
  console.log(`# cluster ready (seeded) after ${seconds()}`);
});

after(async () => {
  if (run) {
    await stopLauncher(run, 90_000);
    killAll(run);
  }
  await dropDatabases(dbPrefix).catch(() => undefined);
  await dropRedisKeys(testRedisUrl, dbPrefix).catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
  for (const release of releases) release();
});

void test("two instances of every service and of the gateway, found through etcd", async () => {
  assert.equal(ready.gateways.length, 2);
  assert.match(ready.infra.etcd!, /started here/);
  assert.match(ready.infra.amqp!, /started here/);
  assert.match(ready.infra.redis!, /SHOP_REDIS_URL/);
  const counts = await registered();
  for (const service of [...launchedServices, "gateway-ops"]) assert.equal(counts[service], 2, `${service}: ${JSON.stringify(counts)}`);
});

void test("requests work through both gateways; a token from one is good at the other", async () => {
  const [one, two] = ready.gateways.map((g) => g.api) as [string, string];
  const name = `cl${dbPrefix.replace(/_/g, "")}`.slice(0, 24);
  const password = "cluster-test-password-1";
  await okCall(one, "POST", "/api/v1/auth/register", { username: name, email: `${name}@example.com`, password });
  const { accessToken } = await okCall(two, "POST", "/api/v1/auth/login", { login: name, password });
  for (const api of [one, two]) {
    const me = await okCall(api, "GET", "/api/v1/users/me", undefined, accessToken as string);
    assert.equal((me.user as { username?: string } | undefined)?.username ?? me.username, name);
    const { products } = await okCall(api, "GET", "/api/v1/products?pageSize=3");
    assert.equal((products as unknown[]).length, 3);
  }
});

void test("a product instance killed with SIGKILL: requests keep succeeding and it is started again", async () => {
  const [one] = ready.gateways.map((g) => g.api) as [string];
  const { products } = await okCall(one, "GET", "/api/v1/products?pageSize=20");
  const ids = (products as { id: string }[]).map((p) => p.id);
  const victim = ready.pids["product#1"]!;
  process.kill(victim, "SIGKILL");
  // Product details one after another (each its own URL, so no cache answers for the dead instance).
  for (let round = 0; round < 3; round++) {
    for (const id of ids) await okCall(one, "GET", `/api/v1/products/${id}`);
  }
  await waitFor("product#1 is started again", () => run!.lines.some((l) => l.includes('"msg":"product#1 is back"')), 90_000, 250);
  await waitFor("two product instances in etcd again", async () => (await registered()).product === 2, 30_000, 250);
  for (const id of ids.slice(0, 5)) await okCall(one, "GET", `/api/v1/products/${id}`);
});

void test(
  "Prometheus scrapes every instance, found through the registry",
  { skip: !prometheusInstalled && !process.env.CI && "Prometheus is not installed (apt-get install -y prometheus)" },
  async () => {
    assert.ok(ready.prometheus, "the banner names Prometheus");
    const expected = launchedServices.length * 2; // the gateways through their operations listeners
    const targets = await waitFor(
      `all ${expected} targets up`,
      async () => {
        const body = (await okCall(ready.prometheus!, "GET", "/api/v1/targets?state=active")) as {
          data: { activeTargets: { health: string; labels: Record<string, string> }[] };
        };
        const active = body.data.activeTargets;
        return active.length === expected && active.every((t) => t.health === "up") ? active : undefined;
      },
      90_000,
      1000,
    );
    const perService: Record<string, number> = {};
    for (const t of targets) perService[t.labels.job!] = (perService[t.labels.job!] ?? 0) + 1;
    for (const service of launchedServices) assert.equal(perService[service], 2, JSON.stringify(perService));
  },
);

void test("Ctrl-C stops every process and exits 0", async () => {
  const everything = [...run!.tree, ...Object.values(ready.pids)];
  const exit = await stopLauncher(run!, 90_000);
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.ok(run!.lines.some((l) => l.includes('"msg":"stopped cleanly"')));
  for (const pid of everything) assert.ok(await waitGone(pid, 5000), `pid ${pid} outlived the cluster`);
  assert.ok(!everything.some(isRunning));
  console.log(`# whole test ${seconds()}`);
});
