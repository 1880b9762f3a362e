// Registration, login and the access token's shape, against a real user service process.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { userv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import { bearer, registerUser, rejectsWith, startUserService, uniqueUser, type TestService } from "./helpers.ts";

void describe("user service: register and login", () => {
  let t: TestService;
  before(async () => {
    t = await startUserService();
  });
  after(async () => t?.close());

  void it("registers a customer with a lowercased email and returns a working token pair", async () => {
    const input = uniqueUser("Reg");
    const res = await t.auth.register({ ...input, email: input.email.toUpperCase(), displayName: "  Reggie " });
    assert.match(res.user!.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/, "UUIDv7");
    assert.equal(res.user!.username, input.username);
    assert.equal(res.user!.email, input.email.toLowerCase());
    assert.equal(res.user!.displayName, "Reggie");
    assert.deepEqual(res.user!.roles, [userv1.Role.CUSTOMER]);
    assert.equal(res.tokens!.tokenType, "Bearer");
    assert.equal(res.tokens!.expiresIn, 900);
    assert.equal(res.tokens!.refreshExpiresIn, 30 * 24 * 3600);
    const me = await t.account.getMe({}, bearer(res.tokens!.accessToken));
    assert.equal(me.id, res.user!.id);
  });

  void it("refuses a taken username (whatever its case) and a taken email with one answer that does not say which", async () => {
    const a = await registerUser(t, "dup");
    const byName = await rejectsWith(t.auth.register({ ...uniqueUser(), username: a.username.toUpperCase() }), Code.AlreadyExists, "USERNAME_OR_EMAIL_TAKEN");
    const byEmail = await rejectsWith(t.auth.register({ ...uniqueUser(), email: a.email.toUpperCase() }), Code.AlreadyExists, "USERNAME_OR_EMAIL_TAKEN");
    assert.equal(byName.rawMessage, byEmail.rawMessage);
    assert.deepEqual(errorDetailOf(byName), errorDetailOf(byEmail));
    const { rows } = await t.sql("select count(*)::int as n from users where lower(username) = lower($1) or email = $2", [a.username, a.email]);
    assert.deepEqual(rows, [{ n: 1 }]);
  });

  void it("refuses invalid input with field violations", async () => {
    const err = await rejectsWith(t.auth.register({ username: "a", email: "not-an-email", password: "short" }), Code.InvalidArgument, "INVALID_INPUT");
    const fields = errorDetailOf(err)!
      .violations.map((v) => v.field)
      .sort();
    assert.deepEqual(fields, ["email", "password", "username"]);
  });

  void it("logs in by username or email, case-insensitively", async () => {
    const a = await registerUser(t, "Login");
    for (const login of [a.username, a.username.toUpperCase(), a.email, a.email.toUpperCase()]) {
      const pair = await t.auth.login({ login, password: a.password });
      assert.equal(decodeJwt(pair.accessToken).sub, a.user.id);
      assert.ok(pair.refreshToken.length >= 43);
    }
  });

  void it("answers a wrong password and an unknown user alike", async () => {
    const a = await registerUser(t, "wrong");
    const wrong = await rejectsWith(t.auth.login({ login: a.username, password: "not the password" }), Code.Unauthenticated, "INVALID_CREDENTIALS");
    const unknown = await rejectsWith(t.auth.login({ login: "nobody-here", password: "whatever1" }), Code.Unauthenticated, "INVALID_CREDENTIALS");
    assert.equal(wrong.rawMessage, unknown.rawMessage);
  });

  void it("signs access tokens as EdDSA at+jwt with kid, iss, aud, sub, jti, roles, iat and exp", async () => {
    const a = await registerUser(t, "jwt");
    const header = decodeProtectedHeader(a.tokens.accessToken);
    assert.equal(header.alg, "EdDSA");
    assert.equal(header.typ, "at+jwt");
    const jwks = (await (await fetch(`${t.baseUrl}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    assert.equal(jwks.keys.length, 1);
    assert.equal(header.kid, jwks.keys[0]!.kid);
    const { payload } = await jwtVerify(a.tokens.accessToken, createLocalJWKSet(jwks), { issuer: "shop", audience: "shop-api", typ: "at+jwt" });
    assert.equal(payload.sub, a.user.id);
    assert.deepEqual(payload.roles, ["customer"]);
    assert.ok(typeof payload.jti === "string" && payload.jti.length > 0);
    assert.equal(payload.exp! - payload.iat!, 900);
  });

  void it("serves the same key set by GetJwks and at /.well-known/jwks.json", async () => {
    const rpc = await t.auth.getJwks({});
    const res = await fetch(`${t.baseUrl}/.well-known/jwks.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /json/);
    const plain = (await res.json()) as JSONWebKeySet;
    assert.equal(rpc.keys.length, 1);
    const k = rpc.keys[0]!;
    assert.deepEqual(plain.keys[0], { kty: k.kty, crv: k.crv, x: k.x, kid: k.kid, alg: k.alg, use: k.use });
    assert.deepEqual([k.kty, k.crv, k.alg, k.use], ["OKP", "Ed25519", "EdDSA", "sig"]);
    assert.equal("d" in (plain.keys[0] ?? {}), false, "no private part");
  });

  void it("refuses calls needing a user without a token or with a forged one", async () => {
    await rejectsWith(t.account.getMe({}), Code.Unauthenticated, "TOKEN_MISSING");
    const a = await registerUser(t, "forge");
    const [h, p] = a.tokens.accessToken.split(".");
    const claims = { ...decodeJwt(a.tokens.accessToken), roles: ["customer", "admin"] };
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${a.tokens.accessToken.split(".")[2]}`;
    assert.notEqual(p, forged.split(".")[1]);
    await rejectsWith(t.account.getMe({}, bearer(forged)), Code.Unauthenticated, "TOKEN_INVALID");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${p}.`;
    await rejectsWith(t.account.getMe({}, bearer(none)), Code.Unauthenticated, "TOKEN_INVALID");
  });
});
