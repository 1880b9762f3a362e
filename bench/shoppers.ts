// Thousands of signed-in shoppers, each with an address, in seconds instead of minutes: signing up
// and in through the API costs an argon2id hash each (by design, about 50 ms of a core), which
// would make a 5,000-shopper flash sale spend minutes before its first attempt.
//
// So one template shopper registers through the real API (its random password, which nobody keeps,
// hashed by the user service with its real parameters), the others are rows written straight into
// the user service's database copying that one hash (so none of them can sign in with a password),
// and their access tokens are signed here with the user service's own key,
// read from its data folder, with the same claims it puts in a token (tokens.ts).
//
// Why this does not weaken real sign-in: no service changes. There is no bypass flag, test
// endpoint or trusted header; the user service, the gateway and every other service verify these
// tokens exactly as any other (signature, issuer, audience, expiry). Doing this takes what an
// operator of the machine already has: the private key file (0600 in the data folder) and the
// database. Whoever holds those can mint tokens anyway; whoever does not, cannot. Only benchmarks
// and whole-system tests call this, on a shop they started themselves.
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { accessTokenAlg, accessTokenType } from "@shop/kit/auth";
import { defaultKeyFile, loadSigningKey } from "@shop/user/keys";
import { SignJWT } from "jose";
import pg from "pg";
import { v7 } from "uuid";

export interface BulkShopper {
  id: string;
  username: string;
  /** A signed access token (bearer), valid for `ttlSeconds`. */
  token: string;
  /** The shopper's one address, their default. */
  addressId: string;
}

export interface BulkShopperOptions {
  /** The gateway's base URL: the template shopper registers there, and one minted token is tried there. */
  api: string;
  /** The user service's data folder (its signing key is <dataDir>/keys/jwt-ed25519.pem), unless `keyFile` says otherwise. */
  dataDir: string;
  keyFile?: string;
  /** The user service's own database (`<dbPrefix>user` on its PostgreSQL server). */
  userDbUrl: string;
  /** As the shop is configured (SHOP_JWT_ISSUER, SHOP_JWT_AUDIENCE); default the shop's defaults. */
  issuer?: string;
  audience?: string;
  /** Lifetime of the minted tokens; default one hour (a run's length, not the shop's 15 minutes). */
  ttlSeconds?: number;
}

const address = { recipientName: "Bench Shopper", phone: "+1 555 0100", countryCode: "US", city: "Springfield", line1: "1 Main St", postalCode: "12345" };

/** `count` new shoppers, signed in, each with a default address. */
export async function bulkShoppers(o: BulkShopperOptions, count: number): Promise<BulkShopper[]> {
  const keyFile = o.keyFile ?? defaultKeyFile(o.dataDir);
  // loadSigningKey would make a new key when the file is missing; that key would sign tokens no service trusts.
  if (!existsSync(keyFile)) throw new Error(`no signing key at ${keyFile}: is the user service started with this data folder?`);
  const key = await loadSigningKey(keyFile);
  const run = randomBytes(4).toString("hex");
  const template = await registerTemplate(o.api, `tmpl${run}`);

  const shoppers = Array.from({ length: count }, (_, i) => ({ id: v7(), username: `shopper${run}x${i}`, addressId: v7() }));
  const db = new pg.Client({ connectionString: o.userDbUrl });
  await db.connect();
  try {
    await db.query("begin");
    // Rows as the user service writes them (repo/users.ts, repo/addresses.ts): a customer at session epoch 0, one default address.
    await db.query(
      `insert into users (id, username, email, password_hash)
       select id, username, username || '@example.com', (select password_hash from users where id = $3)
       from unnest($1::uuid[], $2::text[]) as u(id, username)`,
      [shoppers.map((s) => s.id), shoppers.map((s) => s.username), template],
    );
    await db.query(
      `insert into addresses (id, user_id, recipient_name, phone, country_code, city, line1, postal_code, is_default)
       select id, user_id, $3, $4, $5, $6, $7, $8, true from unnest($1::uuid[], $2::uuid[]) as a(id, user_id)`,
      [
        shoppers.map((s) => s.addressId),
        shoppers.map((s) => s.id),
        address.recipientName,
        address.phone,
        address.countryCode,
        address.city,
        address.line1,
        address.postalCode,
      ],
    );
    await db.query("commit");
  } catch (err) {
    await db.query("rollback").catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }

  const issuer = o.issuer ?? process.env.SHOP_JWT_ISSUER ?? "shop";
  const audience = o.audience ?? process.env.SHOP_JWT_AUDIENCE ?? "shop-api";
  const now = Math.floor(Date.now() / 1000);
  const sign = (id: string) =>
    new SignJWT({ roles: ["customer"], session_epoch: 0 })
      .setProtectedHeader({ alg: accessTokenAlg, kid: key.kid, typ: accessTokenType })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(id)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + (o.ttlSeconds ?? 3600))
      .sign(key.privateKey);
  const signed: BulkShopper[] = [];
  for (const s of shoppers) signed.push({ ...s, token: await sign(s.id) });

  // One token tried through the gateway: a wrong key, issuer or audience fails here, not as thousands of 401s later.
  if (signed.length) {
    const me = await fetch(`${o.api}/api/v1/users/me`, { headers: { authorization: `Bearer ${signed[0]!.token}` } });
    const body = (await me.json()) as { id?: string };
    assert.ok(me.ok && body.id === signed[0]!.id, `a minted token was refused: ${me.status} ${JSON.stringify(body)}`);
  }
  return signed;
}

/** Registers one shopper through the API (a password hashed as the service hashes any; nobody keeps it); its user id. */
async function registerTemplate(api: string, username: string): Promise<string> {
  const res = await fetch(`${api}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, email: `${username}@example.com`, password: randomBytes(12).toString("hex") }),
  });
  const body = (await res.json()) as { user?: { id: string } };
  if (!res.ok || !body.user) throw new Error(`registering the template shopper: ${res.status} ${JSON.stringify(body)}`);
  return body.user.id;
}
