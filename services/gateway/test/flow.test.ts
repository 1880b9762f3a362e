// The REST API end to end through real processes, plus what the gateway serves itself: the OpenAPI
// document, the docs page, health (public probes; details, metrics and traces on the operations
// port), throttling and its own rate limit.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { getOption } from "@bufbuild/protobuf";
import { httpRule, options, services } from "@shop/contracts";
import { assertErrorBody, client, opsPortOf, register, sampleAddress, startStack, type Call, type Stack } from "./helpers.ts";
import { consoleOpenApiPaths } from "../src/console/openapi.ts";
import { grayOpenApiPaths } from "../src/gray/openapi.ts";
import { carrierPaths } from "../src/providers/carrier-routes.ts";
import { filePaths } from "../src/providers/files-openapi.ts";
import { providerPaths } from "../src/providers/openapi.ts";

let stack: Stack;
let call: Call;

before(async () => {
  stack = await startStack({
    userEnv: { SHOP_LOGIN_MAX_FAILURES_PER_ACCOUNT: "3", SHOP_LOGIN_MAX_FAILURES_PER_IP: "1000", SHOP_LOGIN_WINDOW_SECONDS: "600" },
    gatewayEnv: { SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "100000" },
  });
  call = client(stack.gateway.httpPort);
});

after(async () => {
  await stack?.stop();
});

void test("register -> login -> refresh -> addresses CRUD + default -> logout -> refresh refused", async () => {
  const u = await register(call);
  const login = await call("POST", "/api/v1/auth/login", { body: { login: u.username, password: u.password } });
  assert.equal(login.status, 200, login.text);
  assert.equal(login.json.tokenType, "Bearer");
  const refreshed = await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: login.json.refreshToken } });
  assert.equal(refreshed.status, 200, refreshed.text);
  const token = refreshed.json.accessToken as string;
  const refresh = refreshed.json.refreshToken as string;
  assert.notEqual(refresh, login.json.refreshToken, "rotated");

  const addr = "/api/v1/users/me/addresses";
  const first = await call("POST", addr, { token, body: sampleAddress, headers: { "idempotency-key": "k-1" } });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.isDefault, true, "the first address is the default");
  assert.equal(first.json.line2, "", "implicit fields are always present");
  const second = await call("POST", addr, { token, body: { ...sampleAddress, city: "Leeds" } });
  assert.equal(second.json.isDefault, false);
  const id2 = second.json.id as string;

  const updated = await call("PATCH", `${addr}/${id2}`, { token, body: { city: "York", addressId: id2 } });
  assert.equal(updated.status, 200, updated.text);
  assert.equal(updated.json.city, "York");
  assert.equal((await call("GET", `${addr}/${id2}`, { token })).json.city, "York");

  const def = await call("POST", `${addr}/${id2}/default`, { token });
  assert.equal(def.status, 200, def.text);
  const list = await call("GET", addr, { token });
  const addresses = list.json.addresses as { id: string; isDefault: boolean }[];
  assert.equal(addresses.length, 2);
  assert.deepEqual(
    addresses.filter((a) => a.isDefault).map((a) => a.id),
    [id2],
    "exactly one default",
  );

  const del = await call("DELETE", `${addr}/${first.json.id as string}`, { token });
  assert.equal(del.status, 200, del.text);
  assert.deepEqual(del.json, {});
  assert.equal(((await call("GET", addr, { token })).json.addresses as unknown[]).length, 1);

  const logout = await call("POST", "/api/v1/auth/logout", { body: { refreshToken: refresh } });
  assert.equal(logout.status, 200, logout.text);
  assertErrorBody(await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: refresh } }), 401, "unauthenticated");
});

void test("login throttling comes through the gateway as 429 with Retry-After", async () => {
  const u = await register(call);
  for (let i = 0; i < 3; i++) {
    assertErrorBody(await call("POST", "/api/v1/auth/login", { body: { login: u.username, password: "wrong-password" } }), 401);
  }
  const res = await call("POST", "/api/v1/auth/login", { body: { login: u.username, password: u.password } });
  assertErrorBody(res, 429, "resource_exhausted");
  const retryAfter = Number(res.headers.get("retry-after"));
  assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 600, `Retry-After: ${res.headers.get("retry-after")}`);
});

void test("/openapi.json lists every routed RPC of the descriptors; /docs is HTML served locally", async () => {
  const res = await call("GET", "/openapi.json");
  assert.equal(res.status, 200);
  const doc = res.json as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; security: unknown[] }>>;
    components: { schemas: Record<string, unknown> };
  };
  assert.equal(doc.openapi, "3.1.0");
  const ops = new Map(
    Object.entries(doc.paths).flatMap(([path, verbs]) => Object.entries(verbs).map(([verb, op]) => [op.operationId, { path, verb, op }] as const)),
  );
  let expected = 0;
  for (const descs of Object.values(services)) {
    for (const service of descs) {
      for (const method of service.methods) {
        const rule = getOption(method, httpRule);
        const access = getOption(method, options.access);
        const routed = rule.pattern.case !== undefined && [options.Access.PUBLIC, options.Access.USER, options.Access.ADMIN].includes(access);
        const found = ops.get(`${service.name}_${method.name}`);
        if (!routed) {
          assert.equal(found, undefined, `${method.name} must not be routed`);
          continue;
        }
        expected++;
        assert.ok(found, `${service.name}.${method.name} is missing`);
        assert.equal(found.path, rule.pattern.value);
        assert.equal(found.verb, rule.pattern.case);
        assert.equal(found.op.security.length, access === options.Access.PUBLIC ? 0 : 1);
      }
    }
  }
  // Besides them, only the payment providers', the carriers', the images', the gray release and the operations console's routes, described by hand (src/providers/, src/gray/openapi.ts, src/console/openapi.ts).
  const handOps = [providerPaths, carrierPaths, filePaths(1), grayOpenApiPaths, consoleOpenApiPaths].flatMap((paths) =>
    Object.values(paths).flatMap((verbs) => Object.keys(verbs)),
  ).length;
  assert.equal(ops.size, expected + handOps, "nothing else is listed");
  assert.ok(doc.components.schemas["shop.user.v1.User"]);

  const docs = await call("GET", "/docs");
  assert.equal(docs.status, 200);
  assert.match(docs.headers.get("content-type") ?? "", /text\/html/);
  assert.match(docs.text, /swagger-ui/);
  assert.match(docs.text, /\/docs\/swagger-ui-bundle\.js/);
  const bundle = await call("GET", "/docs/swagger-ui-bundle.js");
  assert.equal(bundle.status, 200);
  assert.ok(bundle.text.length > 100_000, "the real bundle from swagger-ui-dist");
  assertErrorBody(await call("GET", "/docs/package.json"), 404);
});

void test("the public port says only ok: no traces, no metrics, no health details", async () => {
  const traceId = "5af92f3577b34da6a3ce929d0e0e4737";
  // Not a public API read: the micro-cache would keep the next test's call from reaching the user service.
  assert.equal((await call("GET", "/openapi.json", { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } })).status, 200);
  const health = await call("GET", "/healthz");
  assert.equal(health.status, 200, health.text);
  assert.deepEqual(health.json, { status: "ok" }, "liveness only: no services, instances or addresses");
  const ready = await call("GET", "/readyz");
  assert.equal(ready.status, 200, ready.text);
  assert.deepEqual(ready.json, { ready: true }, "readiness only: no check names");
  assertErrorBody(await call("GET", `/debug/traces?trace_id=${traceId}`), 404);
  assertErrorBody(await call("GET", "/debug/traces"), 404);
  assertErrorBody(await call("GET", "/metrics"), 404);
});

void test("the operations port (loopback) has the details: every instance's health, /readyz, /metrics, /debug/traces", async () => {
  const ops = client(opsPortOf(stack.gateway));
  const res = await ops("GET", "/healthz");
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.status, "ok");
  const reported = res.json.services as Record<string, { instances: { ready: boolean; address: string; checks: Record<string, string> }[] }>;
  assert.deepEqual(Object.keys(reported).sort(), Object.keys(services).sort());
  for (const [name, svc] of Object.entries(stack.backends)) {
    const { instances } = reported[name]!;
    assert.equal(instances.length, 1, name);
    assert.equal(instances[0]!.ready, true, name);
    assert.equal(instances[0]!.address, `127.0.0.1:${svc.httpPort}`);
    assert.equal(instances[0]!.checks.postgres, "ok", name);
  }
  const ready = await ops("GET", "/readyz");
  assert.equal(ready.status, 200);
  assert.equal((ready.json.checks as Record<string, string>).upstreams, "ok");
  await call("GET", "/healthz");
  const metrics = await ops("GET", "/metrics");
  assert.equal(metrics.status, 200);
  assert.match(metrics.text, /http_server_requests_total\{method="GET",route="\/healthz",status="200"\}/);
  assert.match(metrics.text, /http_server_duration_seconds_bucket/);
  const traceId = "6af92f3577b34da6a3ce929d0e0e4738";
  await call("GET", "/openapi.json", { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
  let spans: { name: string }[] = [];
  for (let i = 0; i < 20 && !spans.length; i++) {
    spans = (await ops("GET", `/debug/traces?trace_id=${traceId}`)).json as unknown as { name: string }[];
    if (!spans.length) await sleep(100);
  }
  assert.ok(spans.length > 0, "the gateway's spans of that trace");
});

void test("the caller's trace continues into the user service", async () => {
  const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
  await call("GET", "/api/v1/auth/jwks", { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
  let spans: { name: string }[] = [];
  for (let i = 0; i < 20 && !spans.length; i++) {
    await sleep(150);
    const res = await fetch(`http://127.0.0.1:${stack.user.httpPort}/debug/traces?trace_id=${traceId}`);
    spans = (await res.json()) as { name: string }[];
  }
  assert.ok(
    spans.some((s) => s.name === "shop.user.v1.AuthService/GetJwks"),
    JSON.stringify(spans),
  );
});

void test("the gateway's rate limit answers 429 with Retry-After; X-Forwarded-For does not dodge it", async () => {
  const gw = await stack.startGateway({ SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "5" });
  const limited = client(gw.httpPort);
  for (let i = 0; i < 5; i++) assert.equal((await limited("GET", "/openapi.json", { headers: { "x-forwarded-for": `10.0.0.${i}` } })).status, 200);
  const res = await limited("GET", "/openapi.json", { headers: { "x-forwarded-for": "10.9.9.9" } });
  assertErrorBody(res, 429, "resource_exhausted");
  assert.ok(Number(res.headers.get("retry-after")) >= 1);
  assert.equal((await limited("GET", "/readyz")).status, 200, "probes are not limited");
  assert.equal(await gw.stop(), 0, "a clean stop on SIGTERM");
});

void test("behind a trusted proxy, X-Forwarded-For names the client that is limited", async () => {
  const gw = await stack.startGateway({ SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "2", SHOP_GATEWAY_TRUST_PROXY: "127.0.0.1" });
  const viaProxy = client(gw.httpPort);
  const from = (ip: string) => viaProxy("GET", "/openapi.json", { headers: { "x-forwarded-for": ip } });
  assert.equal((await from("203.0.113.1")).status, 200);
  assert.equal((await from("203.0.113.1")).status, 200);
  assertErrorBody(await from("203.0.113.1"), 429);
  assert.equal((await from("203.0.113.2")).status, 200, "another client has its own budget");
});

void test("a rate limit edited in the config file applies without a restart", async () => {
  const file = join(stack.dataDir, "gateway.yaml");
  writeFileSync(file, "gateway:\n  rateLimit:\n    perIpPerMinute: 2\n");
  const gw = await stack.startGateway({ SHOP_CONFIG_FILE: file });
  const c = client(gw.httpPort);
  assert.equal((await c("GET", "/openapi.json")).status, 200);
  assert.equal((await c("GET", "/openapi.json")).status, 200);
  assertErrorBody(await c("GET", "/openapi.json"), 429);
  writeFileSync(file, "gateway:\n  rateLimit:\n    perIpPerMinute: 60000\n");
  let status = 429;
  for (let i = 0; i < 30 && status === 429; i++) {
    await sleep(200);
    status = (await c("GET", "/openapi.json")).status;
  }
  assert.equal(status, 200);
});
