// The gateway's micro-cache cannot be used to fill memory: answers under keys a client varies at will
// (a query parameter) stay within the byte bound, and expired entries are swept, not only skipped.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { tagged } from "../src/http-cache.ts";
import { MicroCache } from "../src/routes/microcache.ts";

const caches: MicroCache[] = [];
after(() => caches.forEach((c) => c.close()));

function cache(ttlMs: number, maxBytes: number, sweepEveryMs?: number): MicroCache {
  const c = new MicroCache({ ttlMs: () => ttlMs, maxBytes, sweepEveryMs });
  caches.push(c);
  return c;
}

const body = JSON.stringify({ products: [{ title: "x".repeat(4000) }] });

void test("many distinct query strings never push the held bytes above the bound", async () => {
  const maxBytes = 256 * 1024;
  const c = cache(60_000, maxBytes);
  let loads = 0;
  for (let i = 0; i < 2000; i++) {
    const { hit } = await c.get(`/api/v1/products?brands=b${i}`, () => {
      loads++;
      return Promise.resolve(tagged(body));
    });
    assert.equal(hit, false);
    assert.ok(c.heldBytes <= maxBytes, `${c.heldBytes} bytes held after ${i + 1} keys`);
  }
  assert.equal(loads, 2000);
  assert.ok(c.size > 0 && c.size < 2000, `${c.size} entries: the oldest went`);
  // The most recent answers are the ones kept.
  assert.equal((await c.get("/api/v1/products?brands=b1999", () => Promise.reject(new Error("not cached")))).hit, true);
});

void test("an answer larger than the per-entry limit is served but not kept", async () => {
  const c = cache(60_000, 32 * 1024 * 1024);
  const big = tagged(JSON.stringify({ blob: "y".repeat(300 * 1024) }));
  assert.equal((await c.get("/big", () => Promise.resolve(big))).answer, big);
  assert.equal(c.size, 0);
});

void test("expired entries are gone after a sweep", async () => {
  const c = cache(20, 32 * 1024 * 1024, 60_000);
  for (let i = 0; i < 50; i++) await c.get(`/api/v1/search?q=k${i}`, () => Promise.resolve(tagged(body)));
  assert.equal(c.size, 50);
  await sleep(60); // past the 20 ms TTL
  c.sweep();
  assert.equal(c.size, 0);
  assert.equal(c.heldBytes, 0);
});

void test("the sweeper runs by itself", async () => {
  const c = cache(10, 32 * 1024 * 1024, 25);
  for (let i = 0; i < 10; i++) await c.get(`/k${i}`, () => Promise.resolve(tagged(body)));
  assert.equal(c.size, 10);
  for (let i = 0; i < 200 && c.size > 0; i++) await sleep(10); // nobody reads: only the sweeper can drop them
  assert.equal(c.size, 0);
});

void test("a TTL of 0 keeps nothing", async () => {
  const c = cache(0, 32 * 1024 * 1024);
  assert.equal(c.enabled, false);
  await c.get("/k", () => Promise.resolve(tagged(body)));
  assert.equal(c.size, 0);
});
