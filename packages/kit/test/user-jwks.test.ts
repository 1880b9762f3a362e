// Where verifiers take their keys from: pinned by configuration, only those keys verify and the
// registry's user instances are never asked (a rogue instance cannot slip in its own key); fetched,
// the set is loaded again periodically, so a key the user service removed stops verifying.
import assert from "node:assert/strict";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { accessTokenAlg, accessTokenType } from "@shop/kit/auth";
import { platformSchema } from "@shop/kit/platform";
import { createServiceTransport } from "@shop/kit/rpc/client";
import { createUserJwksVerifier, pinnedJwks } from "@shop/kit/user-jwks";
import { exportJWK, SignJWT, type JWK } from "jose";
import { createListRegistry, startAuthServer, type TestServer } from "./helpers/auth-server.ts";

const dir = mkdtempSync(join(tmpdir(), "shop-jwks-"));
const servers: TestServer[] = [];
const closers: (() => void)[] = [];
after(async () => {
  closers.forEach((c) => c());
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** A signing key of its own, as the user service has one: its public JWK and tokens it signs. */
async function signer(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: accessTokenAlg, use: "sig" } as JWK;
  const sign = (roles: string[] = ["user"]) =>
    new SignJWT({ roles })
      .setProtectedHeader({ alg: accessTokenAlg, kid, typ: accessTokenType })
      .setIssuer("shop")
      .setAudience("shop-api")
      .setSubject(randomUUID())
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime("15m")
      .sign(privateKey);
  return { jwk, sign };
}

/** A user instance in the registry serving `keys()` as its JWKS, counting the requests. */
async function jwksInstance(keys: () => JWK[]) {
  let requests = 0;
  const server = await startAuthServer(`jwks-${randomUUID()}`, {
    getJwks: () => {
      requests++;
      return { keys: keys().map((k) => ({ kty: k.kty, crv: k.crv, x: k.x, kid: k.kid, alg: k.alg, use: k.use })) };
    },
  });
  servers.push(server);
  const transport = createServiceTransport("user", createListRegistry([server.instance]), { timeoutMs: 5000 });
  closers.push(() => transport.close());
  return { transport, requests: () => requests };
}

void test("with pinned keys a token signed by a rogue instance's key is refused, and no instance is asked for keys", async () => {
  const genuine = await signer("genuine");
  const rogue = await signer("rogue");
  const file = join(dir, "jwks.json");
  writeFileSync(file, JSON.stringify({ keys: [genuine.jwk] }));
  // The only "user" instance the registry lists is the attacker's, serving its own key.
  const instance = await jwksInstance(() => [rogue.jwk]);
  const auth = platformSchema.parse({ auth: { publicKeysFile: file } }).auth;
  const verify = createUserJwksVerifier(auth, instance.transport, 5000);

  const principal = await verify(await genuine.sign(["admin"]));
  assert.deepEqual(principal.roles, ["admin"]);
  await assert.rejects(verify(await rogue.sign(["admin"])), /no applicable key|matching key/i);
  assert.equal(instance.requests(), 0, "a pinned verifier never fetches keys");
});

void test("pinned keys inline are the same as in a file; a value that is no JWKS stops the start", () => {
  const inline = JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "k1" }] });
  assert.equal(pinnedJwks({ publicKeysFile: "", publicKeys: inline })?.keys[0]?.kid, "k1");
  assert.equal(pinnedJwks({ publicKeysFile: "", publicKeys: "" }), undefined);
  assert.throws(() => pinnedJwks({ publicKeysFile: "", publicKeys: "{not json" }), /auth\.publicKeys: not JSON/);
  assert.throws(() => pinnedJwks({ publicKeysFile: "", publicKeys: '{"keys": []}' }), /expected a JWKS/);
});

void test("a key the user service removed stops verifying after the periodic refresh, without a restart", async () => {
  const old = await signer("old");
  const next = await signer("next");
  let published = [old.jwk];
  const instance = await jwksInstance(() => published);
  const auth = platformSchema.parse({ auth: { keysRefreshSeconds: 1 } }).auth;
  const verify = createUserJwksVerifier(auth, instance.transport, 5000);

  const oldToken = await old.sign();
  await verify(oldToken); // verified, and remembered as verified
  published = [next.jwk]; // the old key is withdrawn (leaked, say)
  await sleep(1100); // one refresh period
  await assert.rejects(verify(oldToken), /no applicable key|matching key/i);
  await verify(await next.sign());
  assert.ok(instance.requests() >= 2, "the key set was fetched again");
});
