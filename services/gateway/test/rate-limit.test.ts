// The gateway's rate limits: in process, shared through one Redis by several instances (the limit
// holds in total, not per instance), in memory while Redis is away, and per signed-in user across
// IPs and gateways. Redis: SHOP_TEST_REDIS_URL, default redis://127.0.0.1:6379.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { after, before, describe, mock, test } from "node:test";
import { createLogger } from "@shop/kit/log";
import { metricsRegistry } from "@shop/kit/metrics";
import { requireTcp, uniqueDbPrefix } from "@shop/testkit/servers";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { HttpError } from "../src/errors.ts";
import { createRateLimits, type RateLimits, type Scope } from "../src/rate-limit.ts";
import { assertErrorBody, client, register, startStack, type Stack } from "./helpers.ts";

const redisUrl = process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const logger = createLogger("test", "silent");
const uniquePrefix = () => `test-rl-${randomBytes(4).toString("hex")}:`;

async function requireRedis(): Promise<void> {
  const url = new URL(redisUrl);
  await requireTcp("Redis", url.hostname, Number(url.port || 6379));
}

/** How many of `n` requests of `key` were let through. */
async function allowed(limits: RateLimits, scope: Scope, key: string, perMinute: number, n = 1): Promise<number> {
  let ok = 0;
  for (let i = 0; i < n; i++) {
    try {
      await limits.take(scope, key, perMinute);
      ok++;
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
    }
  }
  return ok;
}

async function started(redis: string, keyPrefix = uniquePrefix()): Promise<RateLimits> {
  const limits = createRateLimits({ redisUrl: redis, keyPrefix, logger });
  await limits.start();
  return limits;
}

void describe("in process", () => {
  void test("perMinute requests per key, then RATE_LIMITED with Retry-After; other keys have their own budget", async () => {
    const limits = await started("");
    assert.equal(await allowed(limits, "ip", "a", 3, 3), 3);
    await assert.rejects(limits.take("ip", "a", 3), (err: unknown) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.reason, "RATE_LIMITED");
      assert.deepEqual(err.options.metadata, { limit_per_minute: "3", scope: "ip" });
      const retryAfter = Number(err.options.headers?.["retry-after"]);
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      return true;
    });
    assert.equal(await allowed(limits, "ip", "b", 3), 1, "per key");
    assert.equal(await allowed(limits, "user", "a", 3), 1, "per scope");
    await limits.close();
  });

  void test("a lowered limit applies at once; a raised one lets the key through again", async () => {
    const limits = await started("");
    assert.equal(await allowed(limits, "user", "u", 100, 2), 2);
    assert.equal(await allowed(limits, "user", "u", 2), 0, "2 used of the new limit of 2");
    assert.equal(await allowed(limits, "user", "u", 10, 2), 2);
    await limits.close();
  });

  void test("the memory limiter forgets a key when its window ends, which bounds its memory", () => {
    mock.timers.enable({ apis: ["setTimeout", "Date"] });
    try {
      const limiter = new RateLimiterMemory({ points: 10, duration: 60 });
      for (let i = 0; i < 1000; i++) void limiter.consume(`ip${i}`);
      assert.equal(limiter.dump().storage.length, 1000);
      mock.timers.tick(60_001);
      assert.equal(limiter.dump().storage.length, 0);
    } finally {
      mock.timers.reset();
    }
  });
});

void describe("shared through Redis", () => {
  before(requireRedis);

  void test("two instances sharing one Redis allow the limit in total, not twice", async () => {
    const prefix = uniquePrefix();
    const [one, two] = await Promise.all([started(redisUrl, prefix), started(redisUrl, prefix)]);
    let ok = 0;
    for (let i = 0; i < 5; i++) ok += (await allowed(one, "ip", "198.51.100.7", 4)) + (await allowed(two, "ip", "198.51.100.7", 4));
    assert.equal(ok, 4);
    const apart = await started(redisUrl);
    assert.equal(await allowed(apart, "ip", "198.51.100.7", 4), 1, "another key prefix counts apart");
    await Promise.all([one.close(), two.close(), apart.close()]);
  });

  void test("while Redis is away each instance still limits, in memory, and counts the fallback", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
    const fallbacks = async () => (await metricsRegistry.getSingleMetric("gateway_rate_limit_fallback_total")!.get()).values[0]?.value ?? 0;
    const before = await fallbacks();
    const limits = await started(`redis://127.0.0.1:${port}`);
    assert.equal(await allowed(limits, "ip", "a", 2, 3), 2);
    assert.equal(await fallbacks(), before + 3);
    await limits.close();
  });
});

void describe("through gateways sharing one Redis", () => {
  let stack: Stack;
  before(async () => {
    await requireRedis();
    stack = await startStack({ gatewayEnv: { SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "100000" } });
  });
  after(async () => {
    await stack?.stop();
  });
  // Gateways with the same SHOP_DB_PREFIX share their counts; a fresh prefix isolates this test.
  const pair = async (env: Record<string, string>) => {
    const shared = { SHOP_REDIS_URL: redisUrl, SHOP_DB_PREFIX: uniqueDbPrefix(), SHOP_GATEWAY_TRUST_PROXY: "127.0.0.1", ...env };
    const gateways = await Promise.all([stack.startGateway(shared), stack.startGateway(shared)]);
    return gateways.map((g) => client(g.httpPort));
  };

  void test("the per-IP limit holds in total across two gateways", async () => {
    const [a, b] = await pair({ SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "4" });
    const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await a!("GET", "/openapi.json", from("203.0.113.10"))).status);
      statuses.push((await b!("GET", "/openapi.json", from("203.0.113.10"))).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    const refused = await a!("GET", "/openapi.json", from("203.0.113.10"));
    assertErrorBody(refused, 429, "resource_exhausted");
    assert.equal((refused.json.details as { reason: string }).reason, "RATE_LIMITED");
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.equal((await b!("GET", "/openapi.json", from("203.0.113.11"))).status, 200, "another IP has its own budget");
    assert.equal((await b!("GET", "/readyz", from("203.0.113.10"))).status, 200, "probes are not limited");
  });

  void test("the per-user limit follows a signed-in user across IPs and gateways", async () => {
    const [a, b] = await pair({ SHOP_GATEWAY_RATE_LIMIT_PER_USER_PER_MINUTE: "3" });
    const signup = client(stack.gateway.httpPort);
    const [u1, u2] = [await register(signup), await register(signup)];
    const me = (via: typeof a, token: string, ip: string) => via!("GET", "/api/v1/users/me", { token, headers: { "x-forwarded-for": ip } });
    assert.equal((await me(a, u1.access, "203.0.113.21")).status, 200);
    assert.equal((await me(b, u1.access, "203.0.113.22")).status, 200);
    assert.equal((await me(a, u1.access, "203.0.113.23")).status, 200);
    const refused = await me(b, u1.access, "203.0.113.24");
    assertErrorBody(refused, 429, "resource_exhausted");
    const details = refused.json.details as { reason: string; metadata: Record<string, string> };
    assert.equal(details.reason, "RATE_LIMITED");
    assert.deepEqual(details.metadata, { limit_per_minute: "3", scope: "user" });
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.equal((await me(b, u2.access, "203.0.113.24")).status, 200, "another user from the same IP has their own budget");
    assert.equal((await b!("GET", "/openapi.json", { headers: { "x-forwarded-for": "203.0.113.24" } })).status, 200, "public routes are not counted per user");
  });
});
