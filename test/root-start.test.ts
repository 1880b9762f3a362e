// The quick start as root in a fresh container, from a folder other users cannot enter (like
// /root/shop or a `mktemp -d`): PostgreSQL, which runs as the postgres user there, gets its cluster
// outside (/var/lib/shop/clusters/...) behind a <dataDir>/postgres link, the system comes up and
// serves, and a second start finds the data again. Cleans up the relocated cluster too.
import assert from "node:assert/strict";
import { lstatSync, mkdtempSync, readlinkSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { launchedServices } from "@shop/launcher/config";
import { killAll, startLauncher, stopLauncher, type LauncherRun } from "@shop/launcher/harness";
import { relocatedCluster } from "@shop/launcher/pg-cluster-place";
import { freePort } from "@shop/launcher/ports";
import { outsideDir } from "@shop/launcher/postgres-user";

const notRoot = process.getuid?.() !== 0 && "runs as root only (the postgres user, and what it cannot reach, come into play only then; CI runs as root)";

const closed = mkdtempSync(join(tmpdir(), "shop-closed-")); // mode 0700, as mktemp -d makes it
const dataDir = join(closed, ".shop");
const link = join(dataDir, "postgres");
const env: NodeJS.ProcessEnv = { ...process.env, SHOP_DATA_DIR: dataDir, SHOP_EMBEDDED_PG_PORT: String(await freePort()) };
delete env.SHOP_POSTGRES_URL; // the embedded PostgreSQL, really
for (const name of launchedServices) {
  env[`SHOP_${name.toUpperCase()}_HTTP_PORT`] = String(await freePort());
  if (name !== "gateway") env[`SHOP_${name.toUpperCase()}_GRPC_PORT`] = String(await freePort());
}
env.SHOP_GATEWAY_OPS_PORT = String(await freePort());

const runs: LauncherRun[] = [];
let cluster: string | undefined;
after(() => {
  runs.forEach(killAll);
  if (cluster) rmSync(dirname(cluster), { recursive: true, force: true });
  rmSync(closed, { recursive: true, force: true });
});

async function start(): Promise<LauncherRun> {
  const run = await startLauncher("node", env);
  runs.push(run);
  return run;
}

async function stop(run: LauncherRun): Promise<void> {
  assert.deepEqual(await stopLauncher(run), { code: 0, signal: null }, run.lines.slice(-20).join("\n"));
  assert.ok(run.lines.some((l) => l.includes('"msg":"stopped cleanly"')));
}

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const account = { username: `root_${Date.now()}`, email: `root_${Date.now()}@example.com`, password: "correct horse battery staple" };

void test("as root from a 0700 folder the system starts, its data outside behind a link, and serves", { skip: notRoot, timeout: 300_000 }, async () => {
  assert.equal(statSync(closed).mode & 0o777, 0o700);
  const run = await start();
  cluster = relocatedCluster(dataDir, outsideDir);
  assert.ok(lstatSync(link).isSymbolicLink(), `${link} is a link`);
  assert.equal(readlinkSync(link), cluster);
  assert.equal(statSync(closed).mode & 0o777, 0o700, "the closed folder stays closed");
  const said = run.lines.filter((l) => l.includes("its data goes to"));
  assert.equal(said.length, 1, "one line says where the data went");
  assert.ok(said[0]!.includes(cluster));
  assert.ok(
    run.lines.some((l) => l.includes('"msg":"ready"') && l.includes(`${link} -> ${cluster}`)),
    "the ready banner names both places",
  );

  const api = run.ready.urls.gateway;
  assert.equal((await get(`${api}/healthz`)).status, 200);
  const page = await get(`${api}/api/v1/products?page_size=5`);
  assert.equal(page.status, 200);
  assert.equal((page.body.products as unknown[]).length, 5, "the demo catalog is there");
  const registered = await fetch(`${api}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  });
  assert.ok(registered.ok, await registered.text());
  await stop(run);
});

void test("a second start finds the data again through the link", { skip: notRoot, timeout: 300_000 }, async () => {
  const run = await start();
  assert.equal(readlinkSync(link), cluster);
  assert.ok(!run.lines.some((l) => l.includes("its data goes to") || l.includes("initialising the embedded PostgreSQL")), "no new cluster");
  assert.match(run.ready.catalog, /recorded in/, "seeded once only");
  const login = await fetch(`${run.ready.urls.gateway}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: account.username, password: account.password }),
  });
  assert.ok(login.ok, await login.text());
  await stop(run);
});
