// The cache port's contract, run against both adapters, then what only one of them promises: the
// LRU's bounds, Redis's key prefixes and its failing fast when Redis is away.
// Redis: SHOP_TEST_REDIS_URL, default redis://127.0.0.1:6379.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { createMemoryCache } from "@shop/kit/cache/memory";
import type { Cache } from "@shop/kit/cache/port";
import { createRedisCache } from "@shop/kit/cache/redis";
import { requireTcp } from "@shop/testkit/servers";

const redisUrl = process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const runPrefix = `test-cache-${randomBytes(4).toString("hex")}:`;
const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));

async function requireRedis(): Promise<void> {
  const url = new URL(redisUrl);
  await requireTcp("Redis", url.hostname, Number(url.port || 6379));
}

function contract(name: string, make: () => Promise<Cache>) {
  void describe(`cache contract: ${name}`, () => {
    let cache: Cache;
    before(async () => {
      cache = await make();
    });
    after(async () => cache?.close());

    void test("a missing key is undefined", async () => {
      assert.equal(await cache.get("nothing-here"), undefined);
    });

    void test("returns exactly the bytes stored, binary included", async () => {
      const value = Uint8Array.from([0, 255, 1, 0, 128, 10, 13]);
      await cache.set("bin", value, 10_000);
      assert.deepEqual([...((await cache.get("bin")) ?? [])], [...value]);
      await cache.set("utf8", bytes("西红柿 <em>&"), 10_000);
      assert.equal(text(await cache.get("utf8")), "西红柿 <em>&");
    });

    void test("keeps its own copy of the value", async () => {
      const value = bytes("original");
      await cache.set("copy", value, 10_000);
      value.set(bytes("mutated!"));
      assert.equal(text(await cache.get("copy")), "original");
    });

    void test("a set replaces the value and its TTL", async () => {
      await cache.set("replace", bytes("one"), 100);
      await cache.set("replace", bytes("two"), 10_000);
      await sleep(250);
      assert.equal(text(await cache.get("replace")), "two");
    });

    void test("an entry is gone after its TTL, not before", async () => {
      await cache.set("ttl", bytes("short"), 300);
      assert.equal(text(await cache.get("ttl")), "short");
      await sleep(500);
      assert.equal(await cache.get("ttl"), undefined);
    });

    void test("deletes several keys; absent keys and an empty list are fine", async () => {
      await cache.set("del:a", bytes("a"), 10_000);
      await cache.set("del:b", bytes("b"), 10_000);
      await cache.set("del:c", bytes("c"), 10_000);
      await cache.delete(["del:a", "del:b", "del:none"]);
      await cache.delete([]);
      assert.equal(await cache.get("del:a"), undefined);
      assert.equal(await cache.get("del:b"), undefined);
      assert.equal(text(await cache.get("del:c")), "c");
    });

    void test("deletes by prefix, taking glob characters in the prefix literally", async () => {
      for (const key of ["p:1", "p:2", "p:x:3", "q:1", "p*:1", "p*:2"]) await cache.set(key, bytes(key), 10_000);
      assert.equal(await cache.deleteByPrefix("p*:"), 2);
      assert.equal(text(await cache.get("p:1")), "p:1", "p*: is not a pattern");
      assert.equal(await cache.deleteByPrefix("p:"), 3);
      assert.equal(await cache.get("p:x:3"), undefined);
      assert.equal(text(await cache.get("q:1")), "q:1");
      assert.equal(await cache.deleteByPrefix("no-such-prefix:"), 0);
    });

    void test("keys may hold any text", async () => {
      const key = "product:detail:华为 Mate/手机?*[]";
      await cache.set(key, bytes("v"), 10_000);
      assert.equal(text(await cache.get(key)), "v");
    });
  });
}

contract("in-process LRU", () => Promise.resolve(createMemoryCache({ maxEntries: 1000, maxBytes: 1 << 20 })));
contract("Redis", async () => {
  await requireRedis();
  return createRedisCache({ url: redisUrl, keyPrefix: runPrefix });
});

void describe("in-process LRU bounds", () => {
  void test("evicts the least recently used entry beyond maxEntries", async () => {
    const cache = createMemoryCache({ maxEntries: 3, maxBytes: 1 << 20 });
    for (const key of ["a", "b", "c"]) await cache.set(key, bytes(key), 10_000);
    await cache.get("a"); // now b is the least recently used
    await cache.set("d", bytes("d"), 10_000);
    assert.equal(await cache.get("b"), undefined);
    for (const key of ["a", "c", "d"]) assert.equal(text(await cache.get(key)), key);
  });

  void test("evicts beyond maxBytes and never keeps a value larger than the bound", async () => {
    const cache = createMemoryCache({ maxEntries: 100, maxBytes: 10 });
    await cache.set("a", bytes("12345"), 10_000);
    await cache.set("b", bytes("12345"), 10_000);
    await cache.set("c", bytes("123"), 10_000);
    assert.equal(await cache.get("a"), undefined);
    assert.equal(text(await cache.get("b")), "12345");
    await cache.set("huge", bytes("12345678901"), 10_000);
    assert.equal(await cache.get("huge"), undefined);
    assert.equal(text(await cache.get("c")), "123", "a refused value evicts nothing");
  });
});

void describe("Redis adapter", () => {
  before(requireRedis);

  void test("caches with different key prefixes do not see each other's keys", async () => {
    const a = await createRedisCache({ url: redisUrl, keyPrefix: `${runPrefix}a:` });
    const b = await createRedisCache({ url: redisUrl, keyPrefix: `${runPrefix}b:` });
    try {
      await a.set("k", bytes("from a"), 10_000);
      assert.equal(await b.get("k"), undefined);
      assert.equal(await b.deleteByPrefix(""), 0);
      assert.equal(text(await a.get("k")), "from a");
    } finally {
      await a.deleteByPrefix("");
      await Promise.all([a.close(), b.close()]);
    }
  });

  void test("fails fast, rather than waiting, when Redis cannot be reached", async () => {
    const cache = await createRedisCache({ url: "redis://127.0.0.1:1", keyPrefix: runPrefix });
    try {
      const started = Date.now();
      await assert.rejects(cache.get("k"));
      await assert.rejects(cache.set("k", bytes("v"), 1000));
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    } finally {
      await cache.close();
    }
  });

  after(async () => {
    const cleanup = await createRedisCache({ url: redisUrl, keyPrefix: runPrefix });
    await cleanup.deleteByPrefix("");
    await cleanup.close();
  });
});
