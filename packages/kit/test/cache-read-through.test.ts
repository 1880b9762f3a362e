// Read-through caching: one load per key at a time, no stale write-back after an invalidation,
// errors of the source never cached, and a failing cache treated as a miss.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createMemoryCache } from "@shop/kit/cache/memory";
import { jsonCodec, type Cache } from "@shop/kit/cache/port";
import { readThrough } from "@shop/kit/cache/read-through";

const memory = () => createMemoryCache({ maxEntries: 100, maxBytes: 1 << 20 });

/** A promise the test resolves when it wants to. */
function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

void describe("read-through cache", () => {
  void test("loads once for concurrent misses, then serves from the cache", async () => {
    const rt = readThrough(memory(), { ttlMs: 10_000, codec: jsonCodec<{ n: number }>() });
    let loads = 0;
    const g = gate<void>();
    const load = async () => {
      loads++;
      await g.promise;
      return { n: 42 };
    };
    const reads = Array.from({ length: 10 }, () => rt.get("k", load));
    g.open();
    assert.deepEqual(
      await Promise.all(reads),
      Array.from({ length: 10 }, () => ({ n: 42 })),
    );
    assert.deepEqual(await rt.get("k", load), { n: 42 });
    assert.equal(loads, 1);
  });

  void test("a load overtaken by an invalidation does not cache its value", async () => {
    const rt = readThrough(memory(), { ttlMs: 10_000, codec: jsonCodec<string>() });
    const g = gate<void>();
    const stale = rt.get("k", async () => {
      await g.promise;
      return "old";
    });
    await new Promise((r) => setImmediate(r)); // the load is under way
    await rt.invalidate(["k"]);
    g.open();
    assert.equal(await stale, "old", "the reader itself still gets what it read");
    assert.equal(await rt.get("k", () => Promise.resolve("new")), "new");
  });

  void test("readers after an invalidation do not join the overtaken load", async () => {
    const rt = readThrough(memory(), { ttlMs: 10_000, codec: jsonCodec<string>() });
    const g = gate<void>();
    const first = rt.get("k", async () => {
      await g.promise;
      return "old";
    });
    await new Promise((r) => setImmediate(r)); // the load is under way
    await rt.invalidate(["k"]);
    assert.equal(await rt.get("k", () => Promise.resolve("new")), "new");
    g.open();
    await first;
    assert.equal(await rt.get("k", () => Promise.resolve("unused")), "new");
  });

  void test("a failed load is passed on and not cached", async () => {
    const rt = readThrough(memory(), { ttlMs: 10_000, codec: jsonCodec<string>() });
    await assert.rejects(
      rt.get("k", () => Promise.reject(new Error("boom"))),
      /boom/,
    );
    assert.equal(await rt.get("k", () => Promise.resolve("fine")), "fine");
  });

  void test("a failing cache is a miss: reads go to the source and the failures are reported", async () => {
    const broken: Cache = {
      get: () => Promise.reject(new Error("down")),
      set: () => Promise.reject(new Error("down")),
      delete: () => Promise.reject(new Error("down")),
      deleteByPrefix: () => Promise.reject(new Error("down")),
      close: () => Promise.resolve(),
    };
    const errors: string[] = [];
    const rt = readThrough(broken, { ttlMs: 10_000, codec: jsonCodec<string>(), onError: (_err, op) => errors.push(op) });
    assert.equal(await rt.get("k", () => Promise.resolve("from source")), "from source");
    await rt.invalidate(["k"]);
    // No set after a failed get: a cache that did not answer would cost the read its timeout twice.
    assert.deepEqual(errors, ["get", "delete"]);
  });

  void test("the TTL bounds how long a value lives without an invalidation", async () => {
    const rt = readThrough(memory(), { ttlMs: 100, codec: jsonCodec<number>() });
    assert.equal(await rt.get("k", () => Promise.resolve(1)), 1);
    assert.equal(await rt.get("k", () => Promise.resolve(2)), 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await rt.get("k", () => Promise.resolve(3)), 3);
  });

  void test("getMany loads only the missing keys, in one call, and caches what it loaded", async () => {
    const rt = readThrough(memory(), { ttlMs: 10_000, codec: jsonCodec<number>() });
    await rt.getMany(["a"], () => Promise.resolve(new Map([["a", 1]])));
    const asked: string[][] = [];
    const load = (missing: string[]) => {
      asked.push(missing);
      return Promise.resolve(new Map(missing.filter((k) => k !== "gone").map((k) => [k, k.length * 10])));
    };
    const first = await rt.getMany(["a", "bb", "gone"], load);
    assert.deepEqual([...first].sort(), [
      ["a", 1],
      ["bb", 20],
    ]);
    assert.deepEqual(asked, [["bb", "gone"]], "a was cached; gone is left out");
    await rt.getMany(["a", "bb"], load);
    assert.equal(asked.length, 1, "everything now comes from the cache");
  });

  void test("getMany does not cache a key invalidated while it loads", async () => {
    const rt = readThrough(memory(), { ttlMs: 10_000, codec: jsonCodec<string>() });
    const g = gate<void>();
    const stale = rt.getMany(["x", "y"], async () => {
      await g.promise;
      return new Map([
        ["x", "old x"],
        ["y", "old y"],
      ]);
    });
    await new Promise((r) => setImmediate(r));
    await rt.invalidate(["x"]);
    g.open();
    assert.equal((await stale).get("x"), "old x");
    const fresh = await rt.getMany(["x", "y"], (missing) => Promise.resolve(new Map(missing.map((k) => [k, `new ${k}`]))));
    assert.deepEqual([...fresh].sort(), [
      ["x", "new x"],
      ["y", "old y"],
    ]);
  });
});
