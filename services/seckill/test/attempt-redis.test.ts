// Attempts in the Redis profile: the gate is a Lua script, the drainer writes the tickets. A Redis
// that lost a sale during it is refilled from PostgreSQL on the next attempt.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { seckillv1 } from "@shop/contracts";
import { failFastRedis } from "@shop/kit/redis";
import { attemptCases } from "./cases-attempt.ts";
import { redisUrl, startSeckill, waitFor, type SeckillTest } from "./helpers.ts";

void describe("seckill attempts, gate in Redis", () => {
  let t: SeckillTest;
  before(async () => {
    t = await startSeckill({ redis: true });
  });
  after(() => t?.close());
  attemptCases(() => t);

  void test("after Redis lost a sale, the next attempt rebuilds it from the tickets: the winner keeps their ticket, the units left are right", async () => {
    const sale = await t.schedule(await t.sku(1990, 5), 2);
    const attempt = async (who: typeof t.alice) => {
      const { token } = await t.sales.issueAttemptToken({ saleId: sale.id }, who.as);
      return t.sales.attemptPurchase({ saleId: sale.id, token, addressId: randomUUID() }, who.as);
    };
    const won = await attempt(t.alice);
    await waitFor("the ticket in PostgreSQL", async () => (await t.admin.listAllFlashSales({}, t.asAdmin)).sales.find((s) => s.id === sale.id)?.won === 1);
    const redis = failFastRedis(redisUrl);
    await redis.connect();
    await redis.del(...["", ":holders", ":returned"].map((suffix) => `${t.redisPrefix}sale:${sale.id}${suffix}`));
    await redis.quit();
    assert.equal((await attempt(t.alice)).ticketId, won.ticketId);
    const carol = await t.shopper("carol");
    assert.equal((await attempt(t.bob)).status, seckillv1.AttemptStatus.QUEUED);
    assert.equal((await attempt(carol)).status, seckillv1.AttemptStatus.SOLD_OUT);
  });
});
