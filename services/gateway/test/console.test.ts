// The operations console's API against a whole shop of real processes: admin only; every service
// listed ready with its version and uptime; a request's trace gathered across services; per-route
// figures; the bus's groups; and a real dead letter (made by the bus's own retry limit while the
// cart service is down) listed with its event decoded, replayed, and handled by the cart.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Validator } from "@seriousme/openapi-schema-validator";
import { events, orderv1 } from "@shop/contracts";
import { createBus } from "@shop/kit/bus/create";
import { createLogger } from "@shop/kit/log";
import { platformSchema } from "@shop/kit/platform";
import { publishEvent } from "@shop/testkit/events";
import { postgresUrl } from "@shop/testkit/servers";
import { waitFor } from "@shop/testkit/wait";
import { v7 } from "uuid";
import { assertErrorBody, register, startStackWithAdmin, type Call, type Stack } from "./helpers.ts";

let stack: Stack;
let call: Call;
let admin: string;

before(async () => ({ stack, call, adminToken: admin } = await startStackWithAdmin()));
after(() => stack?.stop());

const get = async <T>(path: string): Promise<T> => {
  const res = await call("GET", path, { token: admin });
  assert.equal(res.status, 200, `${path}: ${res.text}`);
  return res.json as T;
};

interface Services {
  services: { name: string; ready: boolean; instances: { id: string; version: string; ready: boolean; uptimeSeconds?: number; startedAt?: string }[] }[];
}
interface Span {
  spanId: string;
  parentSpanId: string | null;
  service: string;
  name: string;
  durationMs: number;
}
interface Routes {
  windowSeconds: number;
  routes: { method: string; route: string; requests: number; perSecond: number; errorRate: number; clientErrorRate: number; p99Ms: number | null }[];
}
interface Bus {
  groups: { group: string; durable: boolean; deadLetters: number; delivered: number; services: string[] }[];
  outbox: { service: string; pending: number }[];
}

void test("only an admin reads the console; wrong methods get 405", async () => {
  const shopper = await register(call);
  for (const path of [
    "/api/v1/admin/ops/services",
    "/api/v1/admin/ops/traces",
    "/api/v1/admin/ops/routes",
    "/api/v1/admin/ops/bus",
    "/api/v1/admin/dead-letters?group=cart.ordered-lines",
  ]) {
    assertErrorBody(await call("GET", path), 401, "unauthenticated");
    const res = await call("GET", path, { token: shopper.access });
    assertErrorBody(res, 403, "permission_denied");
    assert.equal((res.json.details as { reason: string }).reason, "ADMIN_REQUIRED");
  }
  assertErrorBody(await call("POST", "/api/v1/admin/dead-letters/replay", { token: shopper.access, body: { group: "cart.ordered-lines", all: true } }), 403);
  const wrong = await call("GET", "/api/v1/admin/dead-letters/replay", { token: admin });
  assertErrorBody(wrong, 405);
  assert.equal(wrong.headers.get("allow"), "POST");
});

void test("every service and the gateway are listed ready, with version and uptime", async () => {
  const body = await waitFor("every service ready", async () => {
    const s = await get<Services>("/api/v1/admin/ops/services");
    return s.services.every((x) => x.ready) ? s : undefined;
  });
  const names = body.services.map((s) => s.name).sort();
  assert.deepEqual(names, [...Object.keys(stack.backends), "gateway"].sort());
  for (const s of body.services) {
    assert.ok(s.instances.length >= 1, s.name);
    for (const i of s.instances) {
      assert.equal(i.version, "stable", `${s.name} version`);
      assert.ok(typeof i.uptimeSeconds === "number" && i.uptimeSeconds >= 0 && i.uptimeSeconds < 3600, `${s.name} uptime ${i.uptimeSeconds}`);
      assert.ok(i.startedAt && Date.parse(i.startedAt) <= Date.now(), `${s.name} startedAt`);
    }
  }
});

void test("a request's trace is gathered from the gateway and the services it called", async () => {
  const traceId = randomBytes(16).toString("hex");
  const traceparent = `00-${traceId}-${randomBytes(8).toString("hex")}-01`;
  const res = await call("POST", "/api/v1/auth/register", {
    headers: { traceparent },
    body: { username: `trace${process.pid}`, email: `trace${process.pid}@example.com`, password: "correct-horse-battery" },
  });
  assert.equal(res.status, 200, res.text);
  const detail = await waitFor("the trace's spans from two services", async () => {
    const r = await call("GET", `/api/v1/admin/ops/traces/${traceId}`, { token: admin });
    const d = r.json as { spans?: Span[]; store?: string };
    return r.status === 200 && new Set(d.spans?.map((s) => s.service)).size >= 2 ? d : undefined;
  });
  assert.equal(detail.store, "memory");
  const services = new Set(detail.spans!.map((s) => s.service));
  assert.ok(services.has("gateway") && services.has("user"), [...services].join(","));
  const root = detail.spans!.find((s) => s.service === "gateway" && s.name === "POST /api/v1/auth/register");
  assert.ok(root, "the gateway's server span");
  const ids = new Set(detail.spans!.map((s) => s.spanId));
  assert.ok(
    detail.spans!.some((s) => s.service === "user" && s.parentSpanId && ids.has(s.parentSpanId)),
    "the user service's spans hang under the gateway's",
  );

  const list = await get<{ store: string; traces: { traceId: string; name: string; spanCount: number }[] }>("/api/v1/admin/ops/traces?limit=500");
  const row = list.traces.find((t) => t.traceId === traceId);
  assert.ok(row, "the trace is in the recent list");
  assert.equal(row.name, "POST /api/v1/auth/register");
  assert.ok(!list.traces.some((t) => t.name.includes("/api/v1/admin/ops")), "the console's own calls are left out");

  assertErrorBody(await call("GET", "/api/v1/admin/ops/traces/not-a-trace", { token: admin }), 400, "invalid_argument");
  assertErrorBody(await call("GET", `/api/v1/admin/ops/traces/${"0".repeat(31)}1`, { token: admin }), 404, "not_found");
  assertErrorBody(await call("GET", "/api/v1/admin/ops/traces?limit=0", { token: admin }), 400, "invalid_argument");
});

void test("per-route rate, error shares and p99 over the last minute", async () => {
  for (let i = 0; i < 5; i++) assert.equal((await call("GET", "/api/v1/categories")).status, 200);
  await call("GET", "/api/v1/admin/ops/routes"); // a 401
  const body = await get<Routes>("/api/v1/admin/ops/routes");
  assert.ok(body.windowSeconds >= 1 && body.windowSeconds <= 70, String(body.windowSeconds));
  const categories = body.routes.find((r) => r.method === "GET" && r.route === "/api/v1/categories");
  assert.ok(categories, JSON.stringify(body.routes.map((r) => r.route)));
  assert.ok(categories.requests >= 5 && categories.perSecond > 0, JSON.stringify(categories));
  assert.equal(categories.errorRate, 0);
  assert.ok(categories.p99Ms !== null && categories.p99Ms > 0 && categories.p99Ms <= 5000, String(categories.p99Ms));
  const own = body.routes.find((r) => r.route === "/api/v1/admin/ops/routes");
  assert.ok(own && own.clientErrorRate > 0, "the 401 counts as a client error");
});

void test("a dead letter is listed with its event, replayed, and handled", async (t) => {
  const group = "cart.ordered-lines";
  const initial = await waitFor("the cart's group reported", async () => (await get<Bus>("/api/v1/admin/ops/bus")).groups.find((g) => g.group === group));
  assert.equal(initial.durable, true);
  assert.deepEqual(initial.services, ["cart"]);

  // A real dead letter: while the cart is down, a consumer of its group that fails with a limit of one attempt.
  await stack.backends.cart!.stop();
  const config = platformSchema.parse({ postgresUrl, dbPrefix: stack.dbPrefix });
  const bus = await createBus(config, createLogger("console-test", "warn"), "console-test");
  t.after(() => bus.close());
  const failing = await bus.subscribe(group, [events.orderStatusChanged.topic], () => Promise.reject(new Error("refused by the test")), { maxAttempts: 1 });
  // AWAITING_PAYMENT without items: every consumer of the topic, the cart's too, acknowledges it as a no-op.
  const event = create(orderv1.OrderStatusChangedSchema, {
    orderId: v7(),
    number: "T-1",
    userId: v7(),
    to: orderv1.OrderStatus.AWAITING_PAYMENT,
    actor: "test",
  });
  const id = await publishEvent(bus, events.orderStatusChanged, event);
  await waitFor("the event dead-lettered", async () => (await bus.deadLetters(group)).some((d) => d.id === id));
  await failing.close();
  await stack.restart("cart");

  const listed = await waitFor("the gateway lists the dead letter", async () => {
    const r = await call("GET", `/api/v1/admin/dead-letters?group=${group}`, { token: admin });
    const letters = (r.json.deadLetters ?? []) as { id: string; topic: string; attempts: number; error: string; payload: { orderId?: string } | null }[];
    return r.status === 200 ? letters.find((d) => d.id === id) : undefined;
  });
  assert.equal(listed.topic, "order.status_changed");
  assert.equal(listed.attempts, 1);
  assert.match(listed.error, /refused by the test/);
  assert.equal(listed.payload?.orderId, event.orderId);
  await waitFor("the bus view counts it", async () => ((await get<Bus>("/api/v1/admin/ops/bus")).groups.find((g) => g.group === group)?.deadLetters ?? 0) >= 1);

  assertErrorBody(await call("GET", "/api/v1/admin/dead-letters", { token: admin }), 400, "invalid_argument");
  assertErrorBody(await call("GET", "/api/v1/admin/dead-letters?group=no.such-group", { token: admin }), 404, "not_found");
  assertErrorBody(await call("POST", "/api/v1/admin/dead-letters/replay", { token: admin, body: { group, ids: [] } }), 400, "invalid_argument");
  assertErrorBody(await call("POST", "/api/v1/admin/dead-letters/replay", { token: admin, body: { group, ids: [id], all: true } }), 400, "invalid_argument");
  assertErrorBody(await call("POST", "/api/v1/admin/dead-letters/replay", { token: admin, body: { group: "no.such-group", all: true } }), 404, "not_found");

  const replay = await call("POST", "/api/v1/admin/dead-letters/replay", { token: admin, body: { group, ids: [id] }, headers: { "idempotency-key": v7() } });
  assert.equal(replay.status, 200, replay.text);
  assert.equal(replay.json.replayed, 1);
  const again = await call("POST", "/api/v1/admin/dead-letters/replay", { token: admin, body: { group, ids: [id] } });
  assert.equal(again.json.replayed, 0, "a repeated replay finds nothing left to replay");
  const after = await get<{ deadLetters: { id: string }[] }>(`/api/v1/admin/dead-letters?group=${group}`);
  assert.ok(!after.deadLetters.some((d) => d.id === id), "no longer dead");
  await waitFor(
    "the cart handled the replayed event",
    async () => ((await get<Bus>("/api/v1/admin/ops/bus")).groups.find((g) => g.group === group)?.delivered ?? 0) >= 1,
  );
});

void test("the OpenAPI document with the console's routes is valid OpenAPI 3.1", async () => {
  const res = await call("GET", "/openapi.json");
  const doc = res.json as { paths: Record<string, unknown> };
  assert.ok(doc.paths["/api/v1/admin/ops/traces/{traceId}"] && doc.paths["/api/v1/admin/dead-letters/replay"]);
  const v = await new Validator().validate(doc);
  assert.ok(v.valid, JSON.stringify(v.errors, null, 2));
});
