// Gray release through the gateway, all real processes: etcd, two product instances registered with
// different versions (stable and canary) and a gateway with a rules file. Which version answered is
// read from the gateway's x-shop-upstream-version header; the admin endpoint and /metrics report
// what the gateway counted.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startEtcd, type EtcdServer } from "@shop/testkit/etcd";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { createTestTokens, type TestTokens } from "@shop/testkit/tokens";
import { waitFor } from "@shop/testkit/wait";
import { client, opsPortOf, type Call } from "./helpers.ts";

const dbPrefix = uniqueDbPrefix();
const dir = mkdtempSync(join(tmpdir(), "shop-gray-"));
const rulesFile = join(dir, "gray.yaml");
let etcd: EtcdServer;
let tokens: TestTokens;
let stable: ServiceProcess;
let canary: ServiceProcess;
let gateway: ServiceProcess;
let call: Call;
let metricsUrl: string;
let admin: Record<string, string>;

interface Snapshot {
  loadedAt: string;
  refused: { error: string } | null;
  services: Record<
    string,
    { rule: { version: string; percent: number }; observed: { canary: number; stable: number; canaryPercent: number; fallbacks: number } }
  >;
}

/** Replaces the rules file at once (rename), as an editor or a ConfigMap update does. */
function writeRules(text: string): void {
  const temp = `${rulesFile}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, rulesFile);
}

async function snapshot(): Promise<Snapshot> {
  const res = await call("GET", "/api/v1/admin/gray", { headers: admin });
  assert.equal(res.status, 200, res.text);
  return res.json as unknown as Snapshot;
}

/** Writes the rules and waits until the gateway has loaded them (its counters start again). */
async function loadRules(text: string, percent: number): Promise<void> {
  const before = (await snapshot()).loadedAt;
  writeRules(text);
  await waitFor("the gateway to load the new rules", async () => {
    const s = await snapshot();
    return s.loadedAt !== before && s.services.product?.rule.percent === percent;
  });
}

/** The version that answered a product read. */
async function versionFor(headers: Record<string, string>): Promise<string> {
  const res = await call("GET", "/api/v1/products?pageSize=1", { headers });
  assert.equal(res.status, 200, res.text);
  const version = res.headers.get("x-shop-upstream-version");
  assert.ok(version, "the gateway names the version that answered");
  assert.match(res.headers.get("cache-control") ?? "", /^private/, "an answer that depends on who asks is not for shared caches");
  return version;
}

/** The versions that answered one request per client id, 32 at a time. */
async function versionsOf(clientIds: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < clientIds.length; i += 32) {
    out.push(...(await Promise.all(clientIds.slice(i, i + 32).map((id) => versionFor({ "x-shop-client-id": id })))));
  }
  return out;
}

const clients = Array.from({ length: 2000 }, (_, i) => `shopper-${i}`);
const count = (versions: string[], v: string) => versions.filter((x) => x === v).length;

before(async () => {
  await requirePostgres();
  etcd = await startEtcd();
  tokens = await createTestTokens();
  admin = (await tokens.as("0190a000-0000-7000-8000-00000000a0a0", ["admin"])).headers as Record<string, string>;
  const env = {
    SHOP_ETCD_URL: etcd.url,
    SHOP_POSTGRES_URL: postgresUrl,
    SHOP_DB_PREFIX: dbPrefix,
    SHOP_DB_POOL_MAX: "2",
    SHOP_DATA_DIR: dir,
    SHOP_JWT_PUBLIC_KEYS: JSON.stringify(tokens.jwks),
    SHOP_JWT_ISSUER: tokens.claims.issuer,
    SHOP_JWT_AUDIENCE: tokens.claims.audience,
  };
  stable = await startServiceProcess("product", env); // no SHOP_SERVICE_VERSION: "stable"
  canary = await startServiceProcess("product", { ...env, SHOP_SERVICE_VERSION: "canary" });
  writeRules("services:\n  product:\n    version: canary\n    percent: 20\n");
  gateway = await startServiceProcess("gateway", {
    ...env,
    SHOP_GATEWAY_HTTP_PORT: "0",
    SHOP_GATEWAY_OPS_PORT: "0",
    SHOP_GATEWAY_GRAY_RULES_FILE: rulesFile,
    SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "1000000",
  });
  call = client(gateway.httpPort);
  metricsUrl = `http://127.0.0.1:${opsPortOf(gateway)}/metrics`;
  // Both product instances found through etcd: a header rule reaches the canary, the rest stable.
  await waitFor("both versions routable", async () => (await versionFor({ "x-shop-client-id": clients[0]! })) && true);
});

after(async () => {
  await Promise.all([gateway, stable, canary].map((p) => p?.stop()));
  await etcd?.stop();
  await dropDatabases(dbPrefix);
  rmSync(dir, { recursive: true, force: true });
});

void test("a 20% share holds over 2000 callers, each sticky, and the admin sees the observed share", async (t) => {
  // The counters start from zero with every change of the rules.
  await loadRules("services:\n  product:\n    version: canary\n    percent: 0\n", 0);
  await loadRules("services:\n  product:\n    version: canary\n    percent: 20\n", 20);
  const first = await versionsOf(clients);
  const onCanary = count(first, "canary");
  assert.ok(Math.abs(onCanary - 400) <= 60, `canary got ${onCanary} of 2000`);
  t.diagnostic(`20% rule: ${onCanary} of 2000 callers on the canary (${((onCanary / 2000) * 100).toFixed(1)}%)`);
  assert.equal(count(first, "stable"), 2000 - onCanary);
  // Sticky: every caller gets the same version again.
  const again = await versionsOf(clients.slice(0, 300));
  assert.deepEqual(again, first.slice(0, 300));
  const product = (await snapshot()).services.product!;
  assert.equal(product.observed.canary, onCanary + count(again, "canary"));
  assert.equal(product.observed.canary + product.observed.stable, 2300);
  assert.ok(Math.abs(product.observed.canaryPercent - 20) <= 3, JSON.stringify(product.observed));
  assert.equal(product.observed.fallbacks, 0);
  const metrics = await fetch(metricsUrl).then((r) => r.text());
  assert.match(metrics, /gateway_gray_requests_total\{service="product",version="canary"\} \d+/);
  assert.match(metrics, /gateway_gray_requests_total\{service="product",version="stable"\} \d+/);
});

void test("a signed-in user is sticky by user id; listed users and a header always reach the canary", async () => {
  const listed = "0190a000-0000-7000-8000-000000000001";
  await loadRules(`services:\n  product:\n    version: canary\n    percent: 0\n    users: ["${listed}"]\n    header: {name: X-Canary, value: "yes"}\n`, 0);
  const asListed = (await tokens.as(listed, [])).headers as Record<string, string>;
  const asOther = (await tokens.as("0190a000-0000-7000-8000-000000000002", [])).headers as Record<string, string>;
  for (let i = 0; i < 10; i++) {
    assert.equal(await versionFor({ ...asListed, "x-shop-client-id": `c${i}` }), "canary");
    assert.equal(await versionFor({ ...asOther, "x-shop-client-id": `c${i}` }), "stable");
    assert.equal(await versionFor({ "x-canary": "yes" }), "canary");
    assert.equal(await versionFor({ "x-canary": "no" }), "stable");
  }
  // A share keyed by user id: a user's tokens differ, its version does not.
  await loadRules("services:\n  product:\n    version: canary\n    percent: 50\n", 50);
  const users = Array.from({ length: 20 }, (_, i) => `0190a000-0000-7000-8000-0000000001${String(i).padStart(2, "0")}`);
  const seen = await Promise.all(users.map(async (u) => versionFor((await tokens.as(u, [])).headers as Record<string, string>)));
  assert.ok(seen.includes("canary") && seen.includes("stable"), seen.join());
  for (const [i, u] of users.entries()) {
    const fresh = (await tokens.as(u, [])).headers as Record<string, string>;
    assert.equal(await versionFor({ ...fresh, "x-shop-client-id": "another-browser" }), seen[i], `user ${u}`);
  }
});

void test("editing the file changes the split without a restart; raising the share only moves callers to the canary", async (t) => {
  const some = clients.slice(0, 1000);
  await loadRules("services:\n  product:\n    version: canary\n    percent: 20\n", 20);
  const at20 = await versionsOf(some);
  await loadRules('{"services": {"product": {"version": "canary", "percent": 60}}}', 60);
  const at60 = await versionsOf(some);
  const onCanary = count(at60, "canary");
  assert.ok(Math.abs(onCanary - 600) <= 60, `canary got ${onCanary} of 1000 at 60%`);
  t.diagnostic(`60% rule after a reload: ${onCanary} of 1000 callers on the canary`);
  for (const [i, v] of at20.entries()) if (v === "canary") assert.equal(at60[i], "canary", `${some[i]} stays on the canary`);
});

void test("a bad rules file is refused with a clear log and the rules in force stay", async () => {
  await loadRules("services:\n  product:\n    version: canary\n    percent: 100\n", 100);
  const loadedAt = (await snapshot()).loadedAt;
  for (const bad of ["services:\n  product:\n    version: canary\n    percent: 250\n", "services: {nosuch: {version: canary}}\n", "{not json", ""]) {
    const from = gateway.logs.length;
    writeRules(bad);
    await waitFor(`the gateway to refuse ${JSON.stringify(bad)}`, () =>
      gateway.logs.slice(from).some((l) => l.msg === "gray rules file refused; the rules in force stay" && l.file === rulesFile),
    );
    const s = await waitFor("the refusal shown to the admin", async () => {
      const snap = await snapshot();
      return snap.refused ? snap : undefined;
    });
    assert.equal(s.loadedAt, loadedAt);
    assert.equal(s.services.product?.rule.percent, 100);
    assert.equal(await versionFor({ "x-shop-client-id": "anyone" }), "canary");
  }
  await loadRules("services:\n  product:\n    version: canary\n    percent: 0\n", 0);
  assert.equal((await snapshot()).refused, null);
});

void test("the admin sets rules through the API; others are refused and bad rules change nothing", async () => {
  const user = (await tokens.as("0190a000-0000-7000-8000-000000000003", [])).headers as Record<string, string>;
  const rules = { services: { product: { version: "canary", percent: 100 } } };
  assert.equal((await call("PUT", "/api/v1/admin/gray/rules", { body: rules })).status, 401);
  assert.equal((await call("PUT", "/api/v1/admin/gray/rules", { body: rules, headers: user })).status, 403);
  assert.equal((await call("GET", "/api/v1/admin/gray", { headers: user })).status, 403);
  for (const bad of [{ services: { product: { version: "canary", percent: -1 } } }, { services: { product: { version: "../etc" } } }, { rules: [] }]) {
    const res = await call("PUT", "/api/v1/admin/gray/rules", { body: bad, headers: admin });
    assert.equal(res.status, 400, res.text);
    assert.equal((res.json.details as { reason: string }).reason, "INVALID_GRAY_RULES");
  }
  assert.equal((await snapshot()).services.product?.rule.percent, 0);
  const res = await call("PUT", "/api/v1/admin/gray/rules", { body: rules, headers: { ...admin, "idempotency-key": "gray-1" } });
  assert.equal(res.status, 200, res.text);
  assert.equal((JSON.parse(readFileSync(rulesFile, "utf8")) as typeof rules).services.product.percent, 100, "kept in the file");
  assert.equal(await versionFor({ "x-shop-client-id": "anyone" }), "canary");
});

void test("with no canary instance live, canary traffic falls back to stable and is counted", async () => {
  await loadRules("services:\n  product:\n    version: canary\n    percent: 100\n    header: {name: x-canary, value: yes}\n", 100);
  await canary.stop(); // its lease is revoked: the gateway sees it leave
  await waitFor("canary traffic answered by stable", async () => (await versionFor({ "x-shop-client-id": "anyone" })) === "stable");
  const product = (await snapshot()).services.product!;
  assert.ok(product.observed.fallbacks >= 1, JSON.stringify(product.observed));
  const metrics = await fetch(metricsUrl).then((r) => r.text());
  assert.match(metrics, /gateway_gray_fallbacks_total\{service="product",wanted="canary"\} [1-9]/);
});
