// Forged page tokens through the gateway against the real product service: a token decoded, its sort
// key swapped for something that is not a number, an integer or a time, and encoded again with the
// same fingerprint is a 400 INVALID_PAGE_TOKEN, never a 500 from a failed SQL cast.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { assertErrorBody, startStackWithAdmin, type Call, type Stack } from "./helpers.ts";

let stack: Stack;
let call: Call;

before(async () => {
  let token: string;
  ({ stack, call, adminToken: token } = await startStackWithAdmin({ SHOP_GATEWAY_MICROCACHE_MS: "0" }));
  const category = await call("POST", "/api/v1/admin/categories", { token, body: { name: "Kettles" } });
  assert.equal(category.status, 200, category.text);
  for (const [i, price] of [1200, 3400, 5600].entries()) {
    const product = await call("POST", "/api/v1/admin/products", {
      token,
      body: { title: `Kettle ${i}`, brand: "Acme", categoryId: category.json.id, skus: [{ priceMinor: String(price), currency: "EUR" }] },
    });
    assert.equal(product.status, 200, product.text);
    const published = await call("POST", `/api/v1/admin/products/${product.json.id as string}/publish`, { token });
    assert.equal(published.status, 200, published.text);
  }
});

after(async () => {
  await stack?.stop();
});

const decode = (token: string) => JSON.parse(Buffer.from(token, "base64url").toString()) as [string, string | number, string];
const encode = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");

/** The next-page token of the first page of `path` (one item per page). */
async function firstToken(path: string): Promise<string> {
  const res = await call("GET", `${path}&pageSize=1`);
  assert.equal(res.status, 200, res.text);
  const token = res.json.nextPageToken as string;
  assert.ok(token, `a second page of ${path}`);
  return token;
}

async function refusesForgedKeys(path: string, keys: unknown[]): Promise<void> {
  const token = await firstToken(path);
  const [fingerprint, key, id] = decode(token);
  const next = await call("GET", `${path}&pageSize=1&pageToken=${token}`);
  assert.equal(next.status, 200, `the real token works (key ${JSON.stringify(key)}): ${next.text}`);
  for (const forged of keys) {
    const res = await call("GET", `${path}&pageSize=1&pageToken=${encode([fingerprint, forged, id])}`);
    assertErrorBody(res, 400, "invalid_argument");
    assert.equal((res.json.details as { reason: string }).reason, "INVALID_PAGE_TOKEN", `${path} with key ${JSON.stringify(forged)}: ${res.text}`);
  }
}

const notTimes = ["yesterday", "1", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-01-01T25:00:00Z", "2026-01-01T00:00:00+99"];
const notIntegers = [1.5, 1e30, -1e300, "12"];

void test("a list's forged sort key (newest: a time) is 400 INVALID_PAGE_TOKEN, not a failed cast", async () => {
  await refusesForgedKeys("/api/v1/products?sort=PRODUCT_SORT_NEWEST", notTimes);
});

void test("a list's forged sort key (price, sales: integers) is 400 INVALID_PAGE_TOKEN", async () => {
  for (const sort of ["PRODUCT_SORT_PRICE_ASC", "PRODUCT_SORT_PRICE_DESC", "PRODUCT_SORT_BEST_SELLING", "PRODUCT_SORT_TOP_RATED"]) {
    await refusesForgedKeys(`/api/v1/products?sort=${sort}`, notIntegers);
  }
});

void test("a search's forged sort key is 400 INVALID_PAGE_TOKEN", async () => {
  // The index follows the catalog through events: wait until it holds the three kettles.
  for (let i = 0; i < 100; i++) {
    const res = await call("GET", "/api/v1/search?q=kettle");
    if ((res.json.hits as unknown[] | undefined)?.length === 3) break;
    await sleep(100);
  }
  await refusesForgedKeys("/api/v1/search?q=kettle&sort=PRODUCT_SORT_NEWEST", notTimes);
  await refusesForgedKeys("/api/v1/search?q=kettle&sort=PRODUCT_SORT_PRICE_ASC", notIntegers);
  await refusesForgedKeys("/api/v1/search?q=kettle&sort=PRODUCT_SORT_RELEVANCE", ["0.5", null]);
});
