// With SHOP_INTERNAL_TOKEN set, only callers presenting it may name the end user's IP or call
// ACCESS_INTERNAL RPCs; anyone else is judged by their own address. (Without a token, loopback
// callers are trusted: every other test runs that way.)
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Code, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { productv1 } from "@shop/contracts";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { clientsFor, fastHashing, rejectsWith, uniqueUser, type UserClients } from "../services/user/test/helpers.ts";

const token = "an-internal-secret-for-tests";
const dir = mkdtempSync(join(tmpdir(), "shop-internal-"));
const prefix = uniqueDbPrefix();
let user: ServiceProcess;
let product: ServiceProcess;
let clients: UserClients;

before(async () => {
  await requirePostgres();
  const env = { SHOP_INTERNAL_TOKEN: token, SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dir };
  user = await startServiceProcess("user", { ...env, ...fastHashing, SHOP_LOGIN_MAX_FAILURES_PER_IP: "2", SHOP_LOGIN_MAX_FAILURES_PER_ACCOUNT: "100" });
  product = await startServiceProcess("product", { ...env, SHOP_USER_HTTP_PORT: String(user.httpPort), SHOP_USER_GRPC_PORT: String(user.grpcPort) });
  clients = clientsFor(`http://127.0.0.1:${user.httpPort}`);
});

after(async () => {
  await product?.stop();
  await user?.stop();
  await dropDatabases(prefix);
  rmSync(dir, { recursive: true, force: true });
});

void test("a caller without the token cannot pick its IP to dodge the per-IP login throttle", async () => {
  const victim = uniqueUser("trust");
  await clients.auth.register(victim);
  const attempt = (ip: string, headers: Record<string, string> = {}) =>
    clients.auth.login({ login: victim.username, password: "wrong password" }, { headers: { "x-shop-client-ip": ip, ...headers } });
  await rejectsWith(attempt("198.51.100.1"), Code.Unauthenticated, "INVALID_CREDENTIALS");
  await rejectsWith(attempt("198.51.100.2"), Code.Unauthenticated, "INVALID_CREDENTIALS");
  const err = await rejectsWith(attempt("198.51.100.3"), Code.ResourceExhausted, "LOGIN_THROTTLED");
  assert.ok(err.rawMessage.length > 0);
  // The gateway (holding the token) speaks for three different clients: none is throttled.
  for (const ip of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
    await rejectsWith(attempt(ip, { "x-shop-internal-token": token }), Code.Unauthenticated, "INVALID_CREDENTIALS");
  }
  await rejectsWith(attempt("203.0.113.4", { "x-shop-internal-token": "a wrong token" }), Code.ResourceExhausted, "LOGIN_THROTTLED");
});

void test("internal RPCs answer only callers with the token", async () => {
  const catalog = createClient(productv1.CatalogService, createConnectTransport({ baseUrl: `http://127.0.0.1:${product.httpPort}`, httpVersion: "1.1" }));
  const ids = { productIds: ["0190d3c4-0000-7000-8000-000000000000"] };
  await rejectsWith(catalog.batchGetProducts(ids), Code.PermissionDenied, "INTERNAL_ONLY");
  const res = await catalog.batchGetProducts(ids, { headers: { "x-shop-internal-token": token } });
  assert.deepEqual(res.products, []);
});

void test("traces and readiness details answer only callers with the token; others get the bare status", async () => {
  const base = `http://127.0.0.1:${user.httpPort}`;
  const withToken = { headers: { "x-shop-internal-token": token } };
  const traces = await fetch(`${base}/debug/traces`);
  assert.equal(traces.status, 404);
  assert.equal(((await traces.json()) as { code: string }).code, "not_found");
  assert.equal((await fetch(`${base}/debug/traces`, withToken)).status, 200);
  const bare = (await (await fetch(`${base}/readyz`)).json()) as Record<string, unknown>;
  assert.deepEqual(bare, { ready: true });
  const detailed = (await (await fetch(`${base}/readyz`, withToken)).json()) as Record<string, unknown>;
  assert.equal(detailed.service, "user");
  assert.ok(detailed.checks, JSON.stringify(detailed));
});
