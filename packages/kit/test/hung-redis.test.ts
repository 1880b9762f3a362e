// A Redis that hangs (accepts connections, never answers), through the testkit's TCP proxy in
// front of the real server: reads fall back to their source, the breaker opens so later reads pay
// nothing for Redis, and after the hang the client recovers by itself with replies matched right.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { jsonCodec } from "@shop/kit/cache/port";
import { readThrough } from "@shop/kit/cache/read-through";
import { createRedisCache } from "@shop/kit/cache/redis";
import { breakerState } from "@shop/kit/metrics";
import { failFastRedis } from "@shop/kit/redis";
import { dropRedisKeys, testRedisUrl } from "@shop/testkit/redis";
import { startTcpProxy, type TcpProxy } from "@shop/testkit/tcp-proxy";
import { waitFor } from "@shop/testkit/wait";

/** circuit_breaker_state of the Redis client named `target`. */
export async function redisBreaker(target: string): Promise<number | undefined> {
  return (await breakerState.get()).values.find((v) => v.labels.kind === "redis" && v.labels.target === target)?.value;
}

void describe("a hung Redis", () => {
  const prefix = `test_hung_${randomBytes(4).toString("hex")}:`;
  let proxy: TcpProxy;
  let url: string;
  before(async () => {
    const real = new URL(testRedisUrl);
    proxy = await startTcpProxy(real.hostname, Number(real.port || 6379));
    url = `redis://127.0.0.1:${proxy.port}`;
  });
  after(async () => {
    await proxy.close();
    await dropRedisKeys(testRedisUrl, prefix);
  });

  void test("cache reads fall back to the source, fail fast once the breaker opened, and recover", async () => {
    proxy.hang(false);
    const cache = await createRedisCache({ url, keyPrefix: prefix });
    const rt = readThrough(cache, { ttlMs: 60_000, codec: jsonCodec<string>() });
    const n = { loads: 0 };
    const load = (key: string) => () => Promise.resolve((n.loads++, `value of ${key}`));
    try {
      assert.equal(await rt.get("a", load("a")), "value of a");
      assert.equal(await rt.get("a", load("a")), "value of a");
      assert.equal(n.loads, 1, "the second read came from Redis");
      const target = `cache ${prefix}`;
      assert.equal(await redisBreaker(target), 0);

      proxy.hang(true);
      // Until the breaker opens, each read costs at most a command timeout and is answered from the source.
      for (let i = 0; i < 3; i++) assert.equal(await rt.get("a", load("a")), "value of a");
      assert.equal(n.loads, 4);
      assert.equal(await redisBreaker(target), 2, "three timeouts opened the breaker");
      // Open: 20 reads where a stall would take 20 × 150 ms.
      const started = Date.now();
      for (let i = 0; i < 20; i++) assert.equal(await rt.get(`b${i % 3}`, load(`b${i % 3}`)), `value of b${i % 3}`);
      assert.ok(Date.now() - started < 1000, `20 reads with the breaker open took ${Date.now() - started} ms`);

      proxy.hang(false);
      // Recovery without a restart: the cache answers again, and answers right.
      await waitFor("the breaker to close", async () => (await rt.get("c", load("c")), (await redisBreaker(target)) === 0), 15_000, 100);
      // A key read after the hang is written back and then served from Redis, not its source. On a
      // busy machine one command may still miss its 150 ms timeout (a miss, never an error): hence
      // a wait, not a single try.
      await waitFor(
        "a read served from Redis again",
        async () => {
          const loads: number = n.loads;
          assert.equal(await rt.get("d", load("d")), "value of d");
          return n.loads === loads;
        },
        15_000,
        100,
      );
    } finally {
      await cache.close();
    }
  });

  void test("after a hang, replies still match their commands", async () => {
    proxy.hang(false);
    const redis = failFastRedis(url, { commandTimeout: 150 }, { name: "match test" });
    await redis.connect();
    try {
      await redis.set(`${prefix}x`, "x");
      await redis.set(`${prefix}y`, "y");
      proxy.hang(true);
      await assert.rejects(redis.get(`${prefix}x`), /timed out/);
      await assert.rejects(redis.get(`${prefix}y`));
      proxy.hang(false);
      await waitFor("the client to answer again", () => redis.get(`${prefix}y`).catch(() => undefined));
      assert.equal(await redis.get(`${prefix}x`), "x");
      assert.equal(await redis.get(`${prefix}y`), "y");
      assert.equal(await redisBreaker("match test"), 0);
    } finally {
      redis.disconnect();
    }
  });
});
