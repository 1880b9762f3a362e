// An RPC's own per-user limit (the rate_limit proto option): the gateway reads it from the
// descriptor and counts each signed-in user's calls of that RPC apart from their general budget,
// answering 429 RATE_LIMITED (scope "route") past it. Served here in process with the real
// FlashSaleService descriptors (AttemptPurchase declares 30 a minute) in front of a stand-in
// service, counting in memory and in Redis (SHOP_TEST_REDIS_URL, default redis://127.0.0.1:6379).
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { createRouterTransport } from "@connectrpc/connect";
import { seckillv1 } from "@shop/contracts";
import { createLogger } from "@shop/kit/log";
import { requireTcp } from "@shop/testkit/servers";
import Fastify, { type FastifyInstance } from "fastify";
import { installErrorHandling } from "../src/errors.ts";
import { buildOpenApi } from "../src/openapi/document.ts";
import { createRateLimits, type RateLimits } from "../src/rate-limit.ts";
import { installApiRoutes } from "../src/routes/api.ts";
import { buildRoutes } from "../src/routes/table.ts";

const redisUrl = process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const logger = createLogger("test", "silent");
const routes = buildRoutes({ seckill: [seckillv1.FlashSaleService] });

void test("the route table carries each RPC's own limit: AttemptPurchase 30 a minute, the others none; the OpenAPI document says so", () => {
  const limits = Object.fromEntries(routes.map((r) => [r.method.name, r.perUserPerMinute]));
  assert.equal(limits.AttemptPurchase, 30);
  assert.equal(limits.IssueAttemptToken, 0);
  assert.equal(limits.GetMyAttempt, 0);
  const paths = buildOpenApi(routes).paths as Record<string, Record<string, Record<string, unknown>>>;
  assert.equal(paths["/api/v1/flash-sales/{sale_id}/attempts"]!.post!["x-shop-rate-limit-per-user-per-minute"], 30);
  assert.equal(paths["/api/v1/flash-sales/{sale_id}/token"]!.post!["x-shop-rate-limit-per-user-per-minute"], undefined);
});

/** The gateway's API routes for FlashSaleService; a bearer token is the user id; the general per-user limit is `perUser`. */
async function gateway(redis: string, perUser: number): Promise<{ app: FastifyInstance; limits: RateLimits; routeChecks: () => number }> {
  const limits = createRateLimits({ redisUrl: redis, keyPrefix: `test-route-rl-${randomBytes(4).toString("hex")}:`, logger });
  await limits.start();
  const transport = createRouterTransport(({ service }) => {
    service(seckillv1.FlashSaleService, {
      attemptPurchase: (req) => ({ saleId: req.saleId, status: seckillv1.AttemptStatus.QUEUED }),
      getMyAttempt: (req) => ({ saleId: req.saleId, status: seckillv1.AttemptStatus.QUEUED }),
    });
  });
  let checks = 0;
  const app = Fastify();
  installErrorHandling(app, logger);
  installApiRoutes(app, {
    routes,
    transports: { seckill: transport },
    authorize: (_access, authorization) => Promise.resolve({ userId: authorization!.slice("Bearer ".length), roles: [], tokenId: "t" }),
    timeoutMs: () => 5000,
    microcacheMs: () => 0,
    microcacheMaxBytes: 1 << 20,
    cachePolicy: () => ({ maxAgeSeconds: 0, staleWhileRevalidateSeconds: 0 }),
    limitUser: (userId) => limits.take("user", userId, perUser),
    limitRoute: (userId, rpc, perMinute) => {
      checks++;
      return limits.take("route", `${userId}:${rpc}`, perMinute);
    },
  });
  await app.ready();
  return { app, limits, routeChecks: () => checks };
}

for (const where of ["in process", "in Redis"] as const) {
  void describe(`the per-route per-user limit, counted ${where}`, () => {
    let g: Awaited<ReturnType<typeof gateway>>;
    before(async () => {
      if (where === "in Redis") {
        const url = new URL(redisUrl);
        await requireTcp("Redis", url.hostname, Number(url.port || 6379));
      }
      g = await gateway(where === "in Redis" ? redisUrl : "", 1000);
    });
    after(async () => {
      await g?.app.close();
      await g?.limits.close();
    });

    const saleId = randomUUID();
    const attempt = (user: string) =>
      g.app.inject({
        method: "POST",
        url: `/api/v1/flash-sales/${saleId}/attempts`,
        headers: { authorization: `Bearer ${user}` },
        payload: { token: "t", addressId: randomUUID() },
      });
    const myAttempt = (user: string) =>
      g.app.inject({ method: "GET", url: `/api/v1/flash-sales/${saleId}/attempt`, headers: { authorization: `Bearer ${user}` } });

    void test("30 attempts a minute per user, then 429 RATE_LIMITED with Retry-After and scope route; others keep theirs", async () => {
      const [shopper, other] = [`u-${randomUUID()}`, `u-${randomUUID()}`];
      const statuses = [];
      for (let i = 0; i < 30; i++) statuses.push((await attempt(shopper)).statusCode);
      assert.deepEqual(new Set(statuses), new Set([200]));
      const refused = await attempt(shopper);
      assert.equal(refused.statusCode, 429);
      const body = refused.json<{ code: string; details: { reason: string; metadata: Record<string, string> } }>();
      assert.equal(body.code, "resource_exhausted");
      assert.equal(body.details.reason, "RATE_LIMITED");
      assert.deepEqual(body.details.metadata, { limit_per_minute: "30", scope: "route" });
      const retryAfter = Number(refused.headers["retry-after"]);
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);

      assert.equal((await attempt(other)).statusCode, 200, "another user has their own budget on the route");
      assert.equal((await myAttempt(shopper)).statusCode, 200, "the shopper's other routes are not limited by this one");
    });

    void test("a route without the option pays for no second counter; the general per-user limit still counts every route", async () => {
      const before = g.routeChecks();
      const shopper = `u-${randomUUID()}`;
      for (let i = 0; i < 5; i++) assert.equal((await myAttempt(shopper)).statusCode, 200);
      assert.equal(g.routeChecks(), before, "GetMyAttempt has no rate_limit option");
      await attempt(shopper);
      assert.equal(g.routeChecks(), before + 1);

      const tight = await gateway(where === "in Redis" ? redisUrl : "", 3);
      try {
        const user = `u-${randomUUID()}`;
        const statuses = [];
        for (let i = 0; i < 4; i++)
          statuses.push(
            (
              await tight.app.inject({
                method: "POST",
                url: `/api/v1/flash-sales/${saleId}/attempts`,
                headers: { authorization: `Bearer ${user}` },
                payload: { token: "t", addressId: randomUUID() },
              })
            ).statusCode,
          );
        assert.deepEqual(statuses, [200, 200, 200, 429], "the general per-user limit (3) comes first when it is the tighter");
      } finally {
        await tight.app.close();
        await tight.limits.close();
      }
    });
  });
}
