// Verifying access tokens: EdDSA JWTs with kid, iss, aud and typ "at+jwt", checked against a
// JWKS. Everything else (alg none, HS256 with the public key, expired, wrong audience) is refused.
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import type { Principal } from "./rpc/context.ts";
import type { TokenVerifier } from "./rpc/server-interceptors.ts";

export const accessTokenType = "at+jwt";
export const accessTokenAlg = "EdDSA";

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  /** Loads the current key set; called again (at most every 30 s) when a token names an unknown kid. */
  loadJwks: () => Promise<JSONWebKeySet>;
}

export function createJwtVerifier(opts: JwtVerifierOptions): TokenVerifier {
  let keys: ReturnType<typeof createLocalJWKSet> | undefined;
  let loadedAt = 0;
  const load = async () => {
    keys = createLocalJWKSet(await opts.loadJwks());
    loadedAt = Date.now();
  };
  const verifyWith = async (token: string) => {
    if (!keys) await load();
    return jwtVerify(token, keys!, { issuer: opts.issuer, audience: opts.audience, algorithms: [accessTokenAlg], typ: accessTokenType, clockTolerance: 5 });
  };
  const verified = new VerifiedTokens(10_000);
  return async (token): Promise<Principal> => {
    const cached = verified.get(token);
    if (cached) return cached;
    let result;
    try {
      result = await verifyWith(token);
    } catch (err) {
      // A rotated signing key: refresh the set once, not on every bad token.
      if ((err as { code?: string }).code !== "ERR_JWKS_NO_MATCHING_KEY" || Date.now() - loadedAt < 30_000) throw err;
      await load();
      result = await verifyWith(token);
    }
    const { sub, jti, roles, exp } = result.payload;
    if (!sub || !Array.isArray(roles) || !exp) throw new Error("token lacks sub, roles or exp");
    const principal = { userId: sub, roles: roles.map(String), tokenId: jti ?? "" };
    verified.set(token, principal, exp * 1000);
    return principal;
  };
}

/**
 * Tokens that passed full verification, until they expire: a signature check per request is the
 * largest cost of an authenticated call. Bounded; the least recently used go first.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; expiresAt: number }>();
  constructor(private readonly max: number) {}
  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (entry.expiresAt <= Date.now()) return undefined;
    this.entries.set(token, entry); // most recently used last
    return entry.principal;
  }
  set(token: string, principal: Principal, expiresAt: number): void {
    this.entries.set(token, { principal, expiresAt });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
