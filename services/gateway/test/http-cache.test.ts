// HTTP caching at the gateway: public reads carry a strong ETag and a public Cache-Control and
// answer If-None-Match with 304; signed-in answers and errors are `private, no-store`.
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { cacheControl, noneMatchHits } from "../src/http-cache.ts";
import { client, register, startStackWithAdmin, type Answer, type Call, type Stack } from "./helpers.ts";

void describe("If-None-Match and Cache-Control", () => {
  const etag = '"abc"';
  void test("matches the tag, weakly, in a list, or *", () => {
    for (const header of ['"abc"', 'W/"abc"', '"x", "abc"', '"x",W/"abc" ', "*", " * "]) assert.equal(noneMatchHits(header, etag), true, header);
    for (const header of [undefined, "", '"abcd"', '"ab"', "abc", 'W/"x"']) assert.equal(noneMatchHits(header, etag), false, String(header));
  });

  void test("public with max-age, and stale-while-revalidate unless 0", () => {
    assert.equal(cacheControl({ maxAgeSeconds: 5, staleWhileRevalidateSeconds: 30 }), "public, max-age=5, stale-while-revalidate=30");
    assert.equal(cacheControl({ maxAgeSeconds: 0, staleWhileRevalidateSeconds: 0 }), "public, max-age=0");
  });
});

void describe("through the gateway", () => {
  let stack: Stack;
  let call: Call;
  let admin: string;
  before(async () => {
    ({ stack, call, adminToken: admin } = await startStackWithAdmin());
  });
  after(async () => {
    await stack?.stop();
  });

  const privateAnswer = (res: Answer, status: number, what: string) => {
    assert.equal(res.status, status, `${what}: ${res.text}`);
    assert.equal(res.headers.get("cache-control"), "private, no-store", what);
    assert.equal(res.headers.get("etag"), null, what);
  };
  const ifNoneMatch = (tag: string) => ({ headers: { "if-none-match": tag } });

  void test("a public read has a strong ETag of its body and a public Cache-Control; If-None-Match gets 304", async () => {
    const res = await call("GET", "/api/v1/categories");
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get("cache-control"), "public, max-age=5, stale-while-revalidate=30");
    const etag = res.headers.get("etag")!;
    assert.equal(etag, `"${createHash("sha1").update(res.text).digest("base64url")}"`);
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const again = await call("GET", "/api/v1/categories", ifNoneMatch(tag));
      assert.equal(again.status, 304, tag);
      assert.equal(again.text, "", "no body");
      assert.equal(again.headers.get("etag"), etag);
      assert.equal(again.headers.get("cache-control"), "public, max-age=5, stale-while-revalidate=30");
    }
    const other = await call("GET", "/api/v1/categories", ifNoneMatch('"other"'));
    assert.equal(other.status, 200);
    assert.equal(other.text, res.text);
  });

  void test("HEAD answers the same headers without a body, and 304 too", async () => {
    const get = await call("GET", "/api/v1/search/suggest?q=phone");
    assert.equal(get.status, 200, get.text);
    const head = await call("HEAD", "/api/v1/search/suggest?q=phone");
    assert.equal(head.status, 200);
    assert.equal(head.text, "");
    assert.equal(head.headers.get("etag"), get.headers.get("etag"));
    assert.equal(head.headers.get("cache-control"), get.headers.get("cache-control"));
    assert.equal((await call("HEAD", "/api/v1/search/suggest?q=phone", ifNoneMatch(get.headers.get("etag")!))).status, 304);
  });

  void test("a public read asked with a token is the same public answer", async () => {
    const u = await register(call);
    const anonymous = await call("GET", "/api/v1/categories");
    const signedIn = await call("GET", "/api/v1/categories", { token: u.access });
    assert.equal(signedIn.headers.get("cache-control"), anonymous.headers.get("cache-control"));
    assert.equal(signedIn.headers.get("etag"), anonymous.headers.get("etag"));
  });

  void test("signed-in answers and errors are private, no-store", async () => {
    const u = await register(call);
    const me = await call("GET", "/api/v1/users/me", { token: u.access });
    privateAnswer(me, 200, "a signed-in answer");
    privateAnswer(await call("GET", "/api/v1/users/me"), 401, "no token");
    privateAnswer(await call("GET", `/api/v1/products/${randomUUID()}`), 404, "a missing product (an error of a public read)");
    privateAnswer(await call("GET", "/api/v1/products?page_size=x"), 400, "bad input to a public read");
    privateAnswer(await call("GET", "/api/v1/nowhere"), 404, "an unknown route");
    privateAnswer(await call("POST", "/api/v1/auth/logout", { body: { refreshToken: u.refresh } }), 200, "a public POST");
  });

  void test("without the micro-cache the tag is the same; a change gives a new tag; max-age follows config", async () => {
    const gw = await stack.startGateway({ SHOP_GATEWAY_MICROCACHE_MS: "0", SHOP_GATEWAY_CACHE_MAX_AGE_SECONDS: "60", SHOP_GATEWAY_CACHE_SWR_SECONDS: "0" });
    const direct = client(gw.httpPort);
    const sku = randomUUID();
    const path = `/api/v1/admin/inventory/${sku}`;
    const url = `/api/v1/inventory/availability?sku_ids=${sku}`;
    assert.equal((await call("PUT", path, { token: admin, body: { onHand: 3, reason: "stock take" } })).status, 200);
    const first = await direct("GET", url);
    assert.equal(first.headers.get("cache-control"), "public, max-age=60");
    assert.equal(first.headers.get("x-cache"), null, "not micro-cached");
    assert.equal(first.headers.get("etag"), (await call("GET", url)).headers.get("etag"), "every gateway tags the same body alike");
    assert.equal((await call("PUT", path, { token: admin, body: { onHand: 9, reason: "delivery" } })).status, 200);
    const changed = await direct("GET", url, ifNoneMatch(first.headers.get("etag")!));
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.json.levels, [{ skuId: sku, available: 9 }]);
    assert.notEqual(changed.headers.get("etag"), first.headers.get("etag"));
  });
});
