// End to end, as a user runs it: the launcher (embedded PostgreSQL, user, inventory and product
// services, gateway) is started and seeds the demo catalog, the REST API is driven through the
// gateway, Ctrl-C stops everything leaving nothing behind, and a second start on the same data
// folder finds the data again (and does not seed again).
//
// The first run is `npm start`, stopped by a Ctrl-C sent to its process group as a terminal does.
// The second runs the start script's command directly, because only there the launcher's own exit
// code is visible: npm runs scripts through /bin/sh (dash here), which does not exec the command and
// re-raises the SIGINT after the launcher exited, so `npm start` itself ends "killed by SIGINT"
// whatever the launcher returned; and a SIGINT sent to npm alone never reaches the launcher (npm
// forwards it to sh, which only waits for its child).
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createServer } from "node:net";
import { ctrlC, killAll, startLauncher, type How, type LauncherRun } from "@shop/launcher/harness";
import { freePort } from "@shop/launcher/ports";
import { isRunning, waitGone } from "@shop/launcher/proc";
import { call, ok } from "./helpers/json-call.ts";

const canBind = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => server.close(() => resolve(true)));
  });

const dataDir = mkdtempSync(join(tmpdir(), "shop-e2e-"));
chmodSync(dataDir, 0o755); // open to the postgres user (as root), so the cluster stays inside and goes with the folder
const backends = ["user", "inventory", "product", "cart", "coupon", "order", "payment", "seckill", "file", "review", "logistics", "notification"] as const;
const servicePorts = Object.fromEntries(
  await Promise.all(backends.map(async (name) => [name, { http: await freePort(), grpc: await freePort() }] as const)),
) as Record<(typeof backends)[number], { http: number; grpc: number }>;
const ports: Record<string, number> = {
  pg: await freePort(),
  gateway: await freePort(),
  gatewayOps: await freePort(),
  ...Object.fromEntries(
    backends.flatMap((name) => [
      [`${name}Http`, servicePorts[name].http],
      [`${name}Grpc`, servicePorts[name].grpc],
    ]),
  ),
};
const env: NodeJS.ProcessEnv = {
  ...process.env,
  SHOP_DATA_DIR: dataDir,
  SHOP_EMBEDDED_PG_PORT: String(ports.pg),
  SHOP_GATEWAY_HTTP_PORT: String(ports.gateway),
  SHOP_GATEWAY_OPS_PORT: String(ports.gatewayOps),
  // Under the parallel test run the first stock lookup after a start (a new HTTP/2 session, cold
  // code) can take longer than the product service's 300 ms default, and the detail would go out
  // without stock figures, as designed; this test checks the launcher, not that deadline.
  SHOP_PRODUCT_INVENTORY_TIMEOUT_MS: "5000",
  ...Object.fromEntries(
    backends.flatMap((name) => [
      [`SHOP_${name.toUpperCase()}_HTTP_PORT`, String(servicePorts[name].http)],
      [`SHOP_${name.toUpperCase()}_GRPC_PORT`, String(servicePorts[name].grpc)],
    ]),
  ),
};
delete env.SHOP_POSTGRES_URL; // the embedded PostgreSQL, really
const runs: LauncherRun[] = [];
after(() => {
  runs.forEach(killAll);
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(how: How): Promise<LauncherRun> {
  const run = await startLauncher(how, env);
  runs.push(run);
  assert.deepEqual(Object.keys(run.ready.pids).sort(), [
    "cart",
    "coupon",
    "file",
    "gateway",
    "inventory",
    "launcher",
    "logistics",
    "notification",
    "order",
    "payment",
    "postgres",
    "product",
    "review",
    "seckill",
    "user",
  ]);
  assert.equal(run.ready.urls.gateway, `http://127.0.0.1:${ports.gateway}`);
  assert.equal(run.ready.urls.ops, `http://127.0.0.1:${ports.gatewayOps}`);
  for (const name of backends) {
    assert.deepEqual(run.ready.urls.services[name], { connect: `http://127.0.0.1:${servicePorts[name].http}`, grpc: `127.0.0.1:${servicePorts[name].grpc}` });
  }
  return run;
}

/** Ctrl-C, then: a clean exit, no process of the run left, no port still bound. */
async function stop(run: LauncherRun, how: How) {
  ctrlC(run, how);
  const exit = await run.exited;
  if (how === "node") assert.deepEqual(exit, { code: 0, signal: null }, run.lines.slice(-20).join("\n"));
  else assert.ok(exit.code === 0 || exit.signal === "SIGINT", `npm start ended with ${JSON.stringify(exit)}`);
  assert.ok(
    run.lines.some((l) => l.includes('"msg":"stopped cleanly"')),
    run.lines.slice(-20).join("\n"),
  );
  const pids = [...new Set([...Object.values(run.ready.pids), ...run.tree])];
  await Promise.all(pids.map((pid) => waitGone(pid, 5000)));
  assert.deepEqual(pids.filter(isRunning), [], "processes left behind");
  for (const [name, port] of Object.entries(ports)) assert.ok(await canBind(port), `port ${port} (${name}) still in use`);
}

const user = { username: `e2e_${Date.now()}`, email: `e2e_${Date.now()}@example.com`, password: "correct horse battery staple" };
const address = (n: number) => ({
  recipientName: `Ada ${n}`,
  phone: "+44 20 7946 0000",
  countryCode: "GB",
  city: "London",
  line1: `${n} Downing Street`,
  postalCode: "SW1A 2AA",
});

interface Summary {
  id: string;
  title: string;
}
let productCount = 0;

/** The demo catalog as a shopper sees it: listed products, a detail page with stock, the categories. */
async function browse(api: string): Promise<Summary[]> {
  const all: Summary[] = [];
  let pageToken = "";
  do {
    const page = ok(await call(api, "GET", `/api/v1/products?page_size=100${pageToken ? `&page_token=${pageToken}` : ""}`), "list products");
    all.push(...(page.products as Summary[]));
    pageToken = (page.nextPageToken as string | undefined) ?? "";
  } while (pageToken);
  const detail = ok(await call(api, "GET", `/api/v1/products/${all[0]!.id}`), "product detail");
  const skus = detail.skus as { id: string; available?: number }[];
  assert.ok(skus.length >= 2 && skus.every((s) => typeof s.available === "number" && s.available > 0), JSON.stringify(skus));
  const availability = ok(await call(api, "GET", `/api/v1/inventory/availability?sku_ids=${skus[0]!.id}`), "availability");
  assert.deepEqual(availability.levels, [{ skuId: skus[0]!.id, available: skus[0]!.available }]);
  const tree = ok(await call(api, "GET", "/api/v1/categories"), "category tree").categories as unknown[];
  assert.ok(tree.length >= 8, `${tree.length} top-level categories`);
  return all;
}

void test("npm start seeds the demo catalog, the REST API through the gateway, Ctrl-C leaves nothing behind", { timeout: 300_000 }, async () => {
  const run = await start("npm");
  const api = run.ready.urls.gateway;
  assert.ok(
    run.lines.some((l) => l.includes("seeding the demo catalog")),
    "the first start seeds",
  );
  const products = await browse(api);
  assert.ok(products.length >= 200, `${products.length} products`);
  assert.ok(products.some((p) => /[\u4e00-\u9fff]/.test(p.title)) && products.some((p) => /^[\x20-\x7e]+$/.test(p.title)), "Chinese and English titles");
  productCount = products.length;
  assert.deepEqual(ok(await call(api, "GET", "/healthz"), "liveness"), { status: "ok" }, "the public port says only ok");
  const health = ok(await call(run.ready.urls.ops, "GET", "/healthz"), "health of every instance, on the operations port");
  assert.deepEqual(Object.keys(health.services as object).sort(), [...backends].sort());

  ok(await call(api, "POST", "/api/v1/auth/register", user), "register");
  const login = ok(await call(api, "POST", "/api/v1/auth/login", { login: user.username, password: user.password }), "login");
  assert.equal(typeof login.accessToken, "string");
  const refreshed = ok(await call(api, "POST", "/api/v1/auth/refresh", { refreshToken: login.refreshToken }), "refresh");
  assert.notEqual(refreshed.refreshToken, login.refreshToken, "refresh tokens rotate");
  const token = refreshed.accessToken as string;
  const me = ok(await call(api, "GET", "/api/v1/users/me", undefined, token), "me");
  assert.equal(me.username, user.username);

  const first = ok(await call(api, "POST", "/api/v1/users/me/addresses", address(1), token), "create address 1");
  const second = ok(await call(api, "POST", "/api/v1/users/me/addresses", address(2), token), "create address 2");
  assert.equal(first.isDefault, true, "a user's first address is the default");
  const list = async () =>
    (ok(await call(api, "GET", "/api/v1/users/me/addresses", undefined, token), "list").addresses ?? []) as { id: string; isDefault?: boolean }[];
  assert.deepEqual((await list()).map((a) => a.id).sort(), [first.id, second.id].sort());
  ok(await call(api, "POST", `/api/v1/users/me/addresses/${second.id as string}/default`, {}, token), "set default");
  assert.deepEqual(
    (await list()).filter((a) => a.isDefault).map((a) => a.id),
    [second.id],
    "exactly one default",
  );
  ok(await call(api, "DELETE", `/api/v1/users/me/addresses/${first.id as string}`, undefined, token), "delete address");
  assert.deepEqual(
    (await list()).map((a) => a.id),
    [second.id],
  );

  ok(await call(api, "POST", "/api/v1/auth/logout", { refreshToken: refreshed.refreshToken }), "logout");
  const refused = await call(api, "POST", "/api/v1/auth/refresh", { refreshToken: refreshed.refreshToken });
  assert.equal(refused.status, 401, JSON.stringify(refused.body));
  assert.equal(typeof refused.body.code, "string");
  assert.equal(typeof refused.body.message, "string");

  await stop(run, "npm");
});

void test("a second start on the same data folder finds the data again, and does not seed again", { timeout: 300_000 }, async () => {
  const run = await start("node");
  const api = run.ready.urls.gateway;
  assert.ok(!run.lines.some((l) => l.includes("seeding the demo catalog")), "seeded once only");
  assert.equal((await browse(api)).length, productCount);
  const login = ok(await call(api, "POST", "/api/v1/auth/login", { login: user.email, password: user.password }), "login after restart");
  const addresses = ok(await call(api, "GET", "/api/v1/users/me/addresses", undefined, login.accessToken as string), "list after restart");
  assert.deepEqual(
    (addresses.addresses as { city: string; isDefault: boolean }[]).map((a) => [a.city, a.isDefault]),
    [["London", true]],
  );
  await stop(run, "node");
});

void test("a launcher killed outright: its services stop by themselves, the next start takes over its PostgreSQL", { timeout: 300_000 }, async () => {
  const killed = await start("node");
  killed.child.kill("SIGKILL");
  const { postgres: postgresPid } = killed.ready.pids;
  // The services notice their IPC channel to the launcher close; PostgreSQL has no such lifeline.
  for (const name of [...backends, "gateway"]) assert.ok(await waitGone(killed.ready.pids[name]!, 15_000), `${name} outlived its launcher`);
  assert.ok(isRunning(postgresPid!), "PostgreSQL is expected to survive a SIGKILL of the launcher");

  const run = await start("node");
  assert.ok(
    run.lines.some((l) => l.includes("an earlier run left PostgreSQL running")),
    run.lines.slice(0, 5).join("\n"),
  );
  assert.ok(!isRunning(postgresPid!), "the leftover PostgreSQL was stopped");
  ok(await call(run.ready.urls.gateway, "POST", "/api/v1/auth/login", { login: user.username, password: user.password }), "login after a crash");
  await stop(run, "node");
});
