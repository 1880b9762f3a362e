// Security through the gateway, against the real user service: forged tokens, other users' data,
// self-promotion to admin, and bad input that must change nothing and never cause a 5xx.
import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { base64url, decodeProtectedHeader, SignJWT } from "jose";
import { assertErrorBody, register, sampleAddress, startStackWithAdmin, type Call, type Stack } from "./helpers.ts";

let stack: Stack;
let call: Call;
let admin: { access: string };

before(async () => {
  let adminToken: string;
  ({ stack, call, adminToken } = await startStackWithAdmin());
  admin = { access: adminToken };
});

after(async () => {
  await stack?.stop();
});

void describe("access tokens at the gateway", () => {
  let userId: string;
  let kid: string;
  let realKey: KeyObject;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (sub: string) => ({ roles: ["customer"], sub, jti: randomUUID() });
  const signed = (key: KeyObject, opts: { alg?: string; aud?: string; exp?: number; kidOverride?: string } = {}) =>
    new SignJWT(claims(userId))
      .setProtectedHeader({ alg: opts.alg ?? "EdDSA", kid: opts.kidOverride ?? kid, typ: "at+jwt" })
      .setIssuer("shop")
      .setAudience(opts.aud ?? "shop-api")
      .setIssuedAt(now() - 60)
      .setExpirationTime(opts.exp ?? now() + 600)
      .sign(key);
  const me = (token: string) => call("GET", "/api/v1/users/me", { token });

  before(async () => {
    const u = await register(call);
    userId = u.id;
    kid = decodeProtectedHeader(u.access).kid!;
    realKey = createPrivateKey(readFileSync(join(stack.dataDir, "keys", "jwt-ed25519.pem"), "utf8"));
  });

  void test("a token forged with the real key and right claims is accepted (the forging below is sound)", async () => {
    const res = await me(await signed(realKey));
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.id, userId);
  });

  void test("alg none is refused", async () => {
    const header = base64url.encode(JSON.stringify({ alg: "none", typ: "at+jwt", kid }));
    const payload = base64url.encode(JSON.stringify({ ...claims(userId), iss: "shop", aud: "shop-api", iat: now(), exp: now() + 600 }));
    assertErrorBody(await me(`${header}.${payload}.`), 401, "unauthenticated");
    assertErrorBody(await me(`${header}.${payload}`), 401, "unauthenticated");
  });

  void test("HS256 signed with the public key as HMAC secret is refused", async () => {
    const publicKey = createPublicKey(realKey);
    const secrets = [
      new TextEncoder().encode(publicKey.export({ type: "spki", format: "pem" }) as string),
      publicKey.export({ type: "spki", format: "der" }),
      base64url.decode(publicKey.export({ format: "jwk" }).x!),
    ];
    for (const secret of secrets) {
      const token = await new SignJWT(claims(userId))
        .setProtectedHeader({ alg: "HS256", kid, typ: "at+jwt" })
        .setIssuer("shop")
        .setAudience("shop-api")
        .setExpirationTime(now() + 600)
        .sign(secret);
      assertErrorBody(await me(token), 401, "unauthenticated");
    }
  });

  void test("a token signed by another Ed25519 key under the real kid is refused", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    assertErrorBody(await me(await signed(privateKey)), 401, "unauthenticated");
  });

  void test("an expired token signed with the real key is refused", async () => {
    assertErrorBody(await me(await signed(realKey, { exp: now() - 3600 })), 401, "unauthenticated");
  });

  void test("a token for another audience, signed with the real key, is refused", async () => {
    assertErrorBody(await me(await signed(realKey, { aud: "someone-else" })), 401, "unauthenticated");
  });

  void test("no token, a garbage token or another scheme is refused", async () => {
    assertErrorBody(await call("GET", "/api/v1/users/me"), 401, "unauthenticated");
    assertErrorBody(await me("not.a.jwt"), 401, "unauthenticated");
    assertErrorBody(await call("GET", "/api/v1/users/me", { headers: { authorization: `Basic ${btoa("a:b")}` } }), 401);
  });
});

void test("a user never reads or changes another user's addresses (404) and A's data stays as it was", async () => {
  const a = await register(call);
  const b = await register(call);
  const created = await call("POST", "/api/v1/users/me/addresses", { token: a.access, body: sampleAddress });
  assert.equal(created.status, 200, created.text);
  const id = created.json.id as string;
  const path = `/api/v1/users/me/addresses/${id}`;
  const before = await call("GET", path, { token: a.access });
  assert.equal(before.status, 200);

  assertErrorBody(await call("GET", path, { token: b.access }), 404, "not_found");
  assertErrorBody(await call("PATCH", path, { token: b.access, body: { city: "Paris" } }), 404, "not_found");
  assertErrorBody(await call("DELETE", path, { token: b.access }), 404, "not_found");
  assertErrorBody(await call("POST", `${path}/default`, { token: b.access }), 404, "not_found");
  // Naming A's address in the body of B's own route does not work either.
  const bOwn = await call("POST", "/api/v1/users/me/addresses", { token: b.access, body: sampleAddress });
  assertErrorBody(
    await call("PATCH", `/api/v1/users/me/addresses/${bOwn.json.id as string}`, { token: b.access, body: { addressId: id, city: "Paris" } }),
    400,
  );

  const listB = await call("GET", "/api/v1/users/me/addresses", { token: b.access });
  assert.deepEqual(
    (listB.json.addresses as { id: string }[]).map((x) => x.id),
    [bOwn.json.id],
  );
  const afterGet = await call("GET", path, { token: a.access });
  assert.deepEqual(afterGet.json, before.json);
  const meB = await call("GET", "/api/v1/users/me", { token: b.access });
  assert.equal(meB.json.id, b.id, "/users/me is always the caller");
});

void test("a user cannot make themselves admin", async () => {
  const u = await register(call);
  assertErrorBody(await call("PATCH", "/api/v1/users/me", { token: u.access, body: { roles: ["ROLE_ADMIN"] } }), 400, "invalid_argument");
  assertErrorBody(await call("PATCH", "/api/v1/users/me", { token: u.access, body: { id: randomUUID(), displayName: "x" } }), 400, "invalid_argument");
  assertErrorBody(await call("PATCH", "/api/v1/users/me?roles=ROLE_ADMIN", { token: u.access, body: {} }), 400, "invalid_argument");
  const me = await call("GET", "/api/v1/users/me", { token: u.access });
  assert.deepEqual(me.json.roles, ["ROLE_CUSTOMER"]);
  assert.notEqual(me.json.displayName, "x", "a refused body changes nothing");

  assertErrorBody(await call("GET", "/api/v1/admin/users", { token: u.access }), 403, "permission_denied");
  assertErrorBody(await call("PUT", `/api/v1/admin/users/${u.id}/roles`, { token: u.access, body: { roles: ["ROLE_ADMIN"] } }), 403, "permission_denied");
  const asAdmin = await call("GET", "/api/v1/admin/users", { token: admin.access });
  assert.equal(asAdmin.status, 200, asAdmin.text);
  const again = await call("GET", "/api/v1/users/me", { token: u.access });
  assert.deepEqual(again.json.roles, ["ROLE_CUSTOMER"]);
});

void test("bad input gets a 4xx with {code, message, details}, never a 5xx, and changes nothing", async () => {
  const u = await register(call);
  await call("POST", "/api/v1/users/me/addresses", { token: u.access, body: sampleAddress });
  const snapshot = async () => ({
    users: (await call("GET", "/api/v1/admin/users?pageSize=100", { token: admin.access })).json,
    addresses: (await call("GET", "/api/v1/users/me/addresses", { token: u.access })).json,
    me: (await call("GET", "/api/v1/users/me", { token: u.access })).json,
  });
  const before = await snapshot();
  const reg = "/api/v1/auth/register";
  const addr = "/api/v1/users/me/addresses";
  const cases: [string, Promise<Awaited<ReturnType<Call>>>, number][] = [
    ["malformed JSON", call("POST", reg, { raw: '{"username": "x",' }), 400],
    ["JSON that is not an object", call("POST", reg, { raw: "[1,2]" }), 400],
    ["empty JSON body", call("POST", reg, { raw: "" }), 400],
    ["wrong type", call("POST", reg, { body: { username: 12345, email: "a@b.co", password: "long-enough-1" } }), 400],
    ["wrong type in nested update", call("PATCH", "/api/v1/users/me", { token: u.access, body: { displayName: ["x"] } }), 400],
    ["missing required fields", call("POST", reg, { body: {} }), 400],
    ["missing required address fields", call("POST", addr, { token: u.access, body: { city: "Nowhere" } }), 400],
    ["over-long username", call("POST", reg, { body: { username: "a".repeat(33), email: "long@example.com", password: "long-enough-1" } }), 400],
    ["over-long display name", call("PATCH", "/api/v1/users/me", { token: u.access, body: { displayName: "d".repeat(5000) } }), 400],
    ["NUL byte in a string", call("POST", addr, { token: u.access, body: { ...sampleAddress, line1: "a\u0000b" } }), 400],
    ["body over the size limit", call("POST", addr, { token: u.access, body: { ...sampleAddress, line2: "x".repeat(200_000) } }), 413],
    ["wrong content type", call("POST", reg, { raw: "username=x", contentType: "application/x-www-form-urlencoded" }), 415],
    ["unknown route", call("GET", "/api/v1/nope"), 404],
    ["unknown query parameter", call("GET", "/api/v1/users/me?admin=true", { token: u.access }), 400],
    ["query parameter given twice", call("GET", "/api/v1/admin/users?pageSize=1&pageSize=2", { token: admin.access }), 400],
    ["query parameter of the wrong type", call("GET", "/api/v1/admin/users?pageSize=lots", { token: admin.access }), 400],
    ["path id that is no uuid", call("GET", `${addr}/not-a-uuid`, { token: u.access }), 400],
    ["prototype pollution", call("PATCH", "/api/v1/users/me", { token: u.access, raw: '{"__proto__": {"roles": ["ROLE_ADMIN"]}}' }), 400],
    ["wrong method", call("DELETE", "/api/v1/users/me", { token: u.access }), 405],
    ["a body where none is taken", call("POST", `${addr}/${randomUUID()}/default`, { token: u.access, body: { isDefault: true } }), 400],
  ];
  for (const [name, pending, status] of cases) {
    const res = await pending;
    assert.ok(res.status >= 400 && res.status < 500, `${name}: got ${res.status} ${res.text}`);
    assertErrorBody(res, status);
  }
  assert.deepEqual(await snapshot(), before, "nothing changed");
});

void test("stock is an admin's business: a shopper reads availability but cannot set or adjust it", async () => {
  const u = await register(call);
  const sku = randomUUID();
  const path = `/api/v1/admin/inventory/${sku}`;
  assertErrorBody(await call("PUT", path, { token: u.access, body: { onHand: 5, reason: "mine now" } }), 403, "permission_denied");
  assertErrorBody(await call("POST", `${path}/adjustments`, { token: u.access, body: { delta: 5, reason: "mine now" } }), 403, "permission_denied");
  assertErrorBody(await call("PUT", path, { body: { onHand: 5, reason: "anonymous" } }), 401, "unauthenticated");
  const set = await call("PUT", path, { token: admin.access, body: { onHand: 5, reason: "stock take" } });
  assert.equal(set.status, 200, set.text);
  const taken = await call("POST", `${path}/adjustments`, { token: admin.access, body: { delta: -7, reason: "write-off" } });
  assertErrorBody(taken, 400, "failed_precondition");
  assert.equal((taken.json.details as { reason: string }).reason, "INSUFFICIENT_STOCK");
  const other = randomUUID();
  const levels = await call("GET", `/api/v1/inventory/availability?sku_ids=${sku}&sku_ids=${other}`);
  assert.equal(levels.status, 200, levels.text);
  assert.deepEqual(levels.json.levels, [
    { skuId: sku, available: 5 },
    { skuId: other, available: 0 },
  ]);
});

void test("public GET answers are micro-cached briefly and shared; a change shows after the TTL", async () => {
  const sku = randomUUID();
  const path = `/api/v1/admin/inventory/${sku}`;
  assert.equal((await call("PUT", path, { token: admin.access, body: { onHand: 3, reason: "stock take" } })).status, 200);
  const url = `/api/v1/inventory/availability?sku_ids=${sku}`;
  const first = await call("GET", url);
  assert.equal(first.headers.get("x-cache"), "MISS");
  const second = await call("GET", url);
  assert.equal(second.headers.get("x-cache"), "HIT");
  assert.deepEqual(second.json, first.json);
  assert.equal((await call("PUT", path, { token: admin.access, body: { onHand: 9, reason: "delivery" } })).status, 200);
  await new Promise((r) => setTimeout(r, 600)); // default TTL 500 ms
  const fresh = await call("GET", url);
  assert.deepEqual(fresh.json.levels, [{ skuId: sku, available: 9 }]);
  const signedIn = await call("GET", "/api/v1/users/me", { token: admin.access });
  assert.equal(signedIn.headers.get("x-cache"), null, "user routes are never cached");
});
