// The balanced client against real local Connect servers: spreading, failover, breakers,
// retry rules, deadlines, tracing and metrics.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import { context, trace } from "@opentelemetry/api";
import { userv1 } from "@shop/contracts";
import { rpcClientRequests } from "@shop/kit/metrics";
import { createServiceClient, createServiceTransport } from "@shop/kit/rpc/client";
import { initTelemetry } from "@shop/kit/telemetry";
import { createListRegistry, startAuthServer, type TestServer } from "./helpers/auth-server.ts";

const registerInput = { username: "alice", email: "alice@example.com", password: "correct horse battery" };
const unavailable = () => new ConnectError("down for maintenance", Code.Unavailable);

async function codeOf(call: Promise<unknown>): Promise<Code> {
  try {
    await call;
  } catch (err) {
    return ConnectError.from(err).code;
  }
  assert.fail("the call was expected to fail");
}

function clientOf(servers: TestServer[], opts: Parameters<typeof createServiceTransport>[2] = { timeoutMs: 5000 }) {
  const registry = createListRegistry(servers.map((s) => s.instance));
  const transport = createServiceTransport("user", registry, opts);
  return { registry, transport, client: createServiceClient(userv1.AuthService, transport) };
}

async function closeAll(...servers: TestServer[]) {
  await Promise.all(servers.map((s) => s.close()));
}

void test("round-robin spreads calls over every instance", async () => {
  const hits = [0, 0, 0];
  const servers = await Promise.all(
    hits.map((_, i) =>
      startAuthServer(`s${i}`, {
        getJwks: () => {
          hits[i]!++;
          return { keys: [] };
        },
      }),
    ),
  );
  const { client, transport } = clientOf(servers);
  for (let i = 0; i < 30; i++) await client.getJwks({});
  assert.deepEqual(hits, [10, 10, 10]);
  assert.deepEqual(
    transport.instances().map((i) => i.id),
    ["s0", "s1", "s2"],
  );
  transport.close();
  await closeAll(...servers);
});

void test("an instance whose port is closed is skipped, for idempotent and non-idempotent calls", async () => {
  let registered = 0;
  const alive = await startAuthServer("alive", {
    getJwks: () => ({ keys: [] }),
    register: () => {
      registered++;
      return {};
    },
  });
  const dead = await startAuthServer("dead", {});
  await dead.close();
  const { client, transport } = clientOf([dead, alive]);
  for (let i = 0; i < 10; i++) await client.getJwks({});
  // Connection refused proves the request never left: even Register may go to another instance.
  for (let i = 0; i < 10; i++) await client.register(registerInput);
  assert.equal(registered, 10);
  transport.close();
  await alive.close();
});

void test("a breaker opens on transport failures, skips the instance, and closes again after the cool-down", async () => {
  let sick = true;
  let sickCalls = 0;
  let healthyCalls = 0;
  const flaky = await startAuthServer("flaky", {
    getJwks: () => {
      sickCalls++;
      if (sick) throw unavailable();
      return { keys: [] };
    },
  });
  const healthy = await startAuthServer("healthy", {
    getJwks: () => {
      healthyCalls++;
      return { keys: [] };
    },
  });
  const cooldownMs = 1000;
  const { client, transport } = clientOf([flaky, healthy], { timeoutMs: 5000, breaker: { failures: 2, cooldownMs } });
  const started = Date.now();
  for (let i = 0; i < 20; i++) await client.getJwks({});
  const elapsed = Date.now() - started;
  // Without a breaker the flaky one would see every other call (10); with it, two failures open
  // it and only a probe per elapsed cool-down gets through.
  assert.ok(sickCalls <= 2 + Math.ceil(elapsed / cooldownMs), `flaky instance saw ${sickCalls} calls in ${elapsed} ms`);
  assert.equal(healthyCalls, 20);

  sick = false;
  const before = sickCalls;
  const deadline = Date.now() + 15_000;
  while (sickCalls === before && Date.now() < deadline) {
    await client.getJwks({});
    await sleep(50);
  }
  assert.ok(sickCalls > before, "no probe reached the recovered instance");
  const afterProbe = sickCalls;
  for (let i = 0; i < 20; i++) await client.getJwks({});
  assert.ok(sickCalls - afterProbe >= 8, `recovered instance got ${sickCalls - afterProbe} of 20 calls`);
  transport.close();
  await closeAll(flaky, healthy);
});

void test("business errors never open a breaker and are not retried", async () => {
  let calls = 0;
  const server = await startAuthServer("strict", {
    getJwks: () => {
      calls++;
      throw new ConnectError("no keys", Code.NotFound);
    },
  });
  const { client, transport } = clientOf([server], { timeoutMs: 5000, breaker: { failures: 2, cooldownMs: 60_000 } });
  for (let i = 0; i < 6; i++) assert.equal(await codeOf(client.getJwks({})), Code.NotFound);
  assert.equal(calls, 6);
  transport.close();
  await server.close();
});

void test("with every breaker open the least recently failed instance is still tried", async () => {
  let failing = true;
  const server = await startAuthServer("lonely", {
    getJwks: () => {
      if (failing) throw unavailable();
      return { keys: [] };
    },
  });
  const { client, transport } = clientOf([server], { timeoutMs: 5000, maxAttempts: 1, breaker: { failures: 2, cooldownMs: 60_000 } });
  for (let i = 0; i < 3; i++) assert.equal(await codeOf(client.getJwks({})), Code.Unavailable);
  failing = false;
  assert.deepEqual((await client.getJwks({})).keys, []);
  transport.close();
  await server.close();
});

void test("a call that reached a server is retried only when the method is idempotent", async () => {
  const counts = { jwks: 0, register: 0 };
  const impl = {
    getJwks: () => {
      counts.jwks++;
      throw unavailable();
    },
    register: () => {
      counts.register++;
      throw unavailable();
    },
  };
  const servers = [await startAuthServer("a", impl), await startAuthServer("b", impl)];
  const { client, transport } = clientOf(servers, { timeoutMs: 5000, breaker: { failures: 100, cooldownMs: 1000 } });
  assert.equal(await codeOf(client.register(registerInput)), Code.Unavailable);
  assert.equal(counts.register, 1);
  assert.equal(await codeOf(client.getJwks({})), Code.Unavailable);
  assert.equal(counts.jwks, 3);
  transport.close();
  await closeAll(...servers);
});

void test("every call has a deadline: the default, or the call's own", async () => {
  let calls = 0;
  const server = await startAuthServer("slow", {
    getJwks: async (_req, ctx) => {
      calls++;
      await sleep(30_000, undefined, { signal: ctx.signal });
      return { keys: [] };
    },
    register: async (_req, ctx) => {
      await sleep(30_000, undefined, { signal: ctx.signal });
      return {};
    },
  });
  const { client, transport } = clientOf([server], { timeoutMs: 600 });
  let started = Date.now();
  assert.equal(await codeOf(client.register(registerInput)), Code.DeadlineExceeded);
  assert.ok(Date.now() - started < 600 + 2000, `default deadline took ${Date.now() - started} ms`);

  started = Date.now();
  assert.equal(await codeOf(client.getJwks({}, { timeoutMs: 2000 })), Code.DeadlineExceeded);
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 1500 && elapsed < 2000 + 2000, `own deadline took ${elapsed} ms`);
  // The first attempt got half the time, so a hung instance leaves room for another attempt.
  assert.ok(calls >= 2, `only ${calls} attempt(s)`);
  transport.close();
  await server.close();
});

void test("no instance at all is Unavailable with the service named", async () => {
  const { client, transport } = clientOf([]);
  const err = await client.getJwks({}).then(
    () => assert.fail("expected a failure"),
    (e: unknown) => ConnectError.from(e),
  );
  assert.equal(err.code, Code.Unavailable);
  assert.match(err.rawMessage, /no live instance of user/);
  transport.close();
});

void test("the instance list follows the registry", async () => {
  const a = await startAuthServer("a", { getJwks: () => ({ keys: [{ kid: "a" }] }) });
  const b = await startAuthServer("b", { getJwks: () => ({ keys: [{ kid: "b" }] }) });
  const { client, transport, registry } = clientOf([a]);
  assert.equal((await client.getJwks({})).keys[0]?.kid, "a");
  registry.set([b.instance]);
  assert.deepEqual(
    transport.instances().map((i) => i.id),
    ["b"],
  );
  for (let i = 0; i < 3; i++) assert.equal((await client.getJwks({})).keys[0]?.kid, "b");
  transport.close();
  await closeAll(a, b);
});

void test("calls carry the trace context and are counted", async () => {
  initTelemetry("balancer-test", {});
  let traceparent: string | null = null;
  const server = await startAuthServer("traced", {
    getJwks: (_req, ctx) => {
      traceparent = ctx.requestHeader.get("traceparent");
      return { keys: [] };
    },
  });
  const { client, transport } = clientOf([server]);
  const count = async () => (await rpcClientRequests.get()).values.find((v) => v.labels.method === "GetJwks" && v.labels.code === "ok")?.value ?? 0;
  const before = await count();
  const parent = trace.getTracer("test").startSpan("parent");
  await context.with(trace.setSpan(context.active(), parent), () => client.getJwks({}));
  parent.end();
  assert.ok(traceparent, "no traceparent header reached the server");
  assert.equal((traceparent as string).split("-")[1], parent.spanContext().traceId);
  assert.equal(await count(), before + 1);
  transport.close();
  await server.close();
});
