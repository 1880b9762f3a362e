// Entries cached by a product service from before ratings existed lack the rating fields; a
// newer instance sharing the Redis reads them as "no reviews yet" (0), not NaN, for as long as
// they live.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { requireTcp } from "@shop/testkit/servers";
import { waitFor } from "@shop/testkit/wait";
import { Redis } from "ioredis";
import { makeCategory, makeProduct, startCatalog, unique, type CatalogTest } from "./helpers.ts";

const redisUrl = process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const ratingFields = ["ratingSum", "ratingCount", "ratingVersion", "ratingScore"];

let t: CatalogTest;
let redis: Redis;

before(async () => {
  const url = new URL(redisUrl);
  await requireTcp("Redis", url.hostname, Number(url.port || 6379));
  // List pages kept a minute, so the stripped page is still there when read again.
  t = await startCatalog({ productEnv: { SHOP_REDIS_URL: redisUrl, SHOP_PRODUCT_LIST_CACHE_MS: "60000" } });
  redis = new Redis(redisUrl);
});
after(async () => {
  redis?.disconnect();
  await t?.close();
});

/** Reads until `key` is cached and stays so: the product's own events drop what is cached before they arrive. */
async function cached(key: string, read: () => Promise<unknown>) {
  await waitFor(`${key} cached`, async () => {
    await read();
    return (await redis.exists(key)) || undefined;
  });
}

/** Rewrites a cached entry (JSON) as an older service would have written it: without `fields`, same TTL. */
async function strip(key: string, fields: string[], each: (v: Record<string, unknown>) => Record<string, unknown>[] = (v) => [v]) {
  const [raw, ttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
  assert.ok(raw && ttl > 0, `${key} is cached`);
  const value = JSON.parse(raw) as Record<string, unknown>;
  for (const row of each(value)) for (const f of fields) delete row[f];
  await redis.set(key, JSON.stringify(value), "PX", ttl);
}

void test("a cached product detail and list page without rating fields answer rating 0 of 0", async () => {
  const c = await makeCategory(t, unique("Old cache"));
  const p = await makeProduct(t, { title: "Cached before ratings", categoryId: c.id });
  const key = `${t.prefix}product:product:${p.id}`;
  await cached(key, () => t.catalog.getProduct({ productId: p.id }));
  await strip(key, ratingFields);
  const detail = await t.catalog.getProduct({ productId: p.id });
  assert.equal(detail.title, "Cached before ratings");
  assert.deepEqual([detail.ratingAverage, detail.ratingCount], [0, 0]);

  await t.catalog.listProducts({ categoryId: c.id });
  const [pageKey] = await redis.keys(`${t.prefix}product:list:*`);
  await strip(pageKey!, ratingFields, (v) => v.products as Record<string, unknown>[]);
  const [listed] = (await t.catalog.listProducts({ categoryId: c.id })).products;
  assert.deepEqual([listed!.id, listed!.ratingAverage, listed!.ratingCount], [p.id, 0, 0]);
});
