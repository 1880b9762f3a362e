// Verifying access tokens: EdDSA JWTs with kid, iss, aud and typ "at+jwt", checked against a
// JWKS. Everything else (alg none, HS256 with the public key, expired, wrong audience) is refused.
// A fetched key set is loaded again periodically, so a removed key stops verifying without a restart.
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
  /** Loads the set again when it is older than this, so a key the issuer removed stops verifying; none: never (pinned keys). */
  refreshMs?: number;
}

/** After a failed periodic refresh the keys in hand stay in use, and the next try waits this long at most. */
const retryRefreshMs = 30_000;

export function createJwtVerifier(opts: JwtVerifierOptions): TokenVerifier {
  let keys: ReturnType<typeof createLocalJWKSet> | undefined;
  let loadedAt = 0;
  let refreshAt = Infinity;
  let loading: Promise<void> | undefined;
  const verified = new VerifiedTokens(10_000);
  // One load at a time, however many requests want it.
  const load = () =>
    (loading ??= opts
      .loadJwks()
      .then((set) => {
        keys = createLocalJWKSet(set);
        verified.clear(); // a token verified with a key that is gone must not stay accepted
        loadedAt = Date.now();
        refreshAt = opts.refreshMs === undefined ? Infinity : loadedAt + opts.refreshMs;
      })
      .finally(() => (loading = undefined)));
  const current = async () => {
    if (!keys) await load();
    else if (Date.now() >= refreshAt) {
      await load().catch(() => {
        refreshAt = Date.now() + Math.min(opts.refreshMs ?? retryRefreshMs, retryRefreshMs); // the issuer is away: keep its last keys
      });
    }
    return keys!;
  };
  const verifyWith = (token: string, set: NonNullable<typeof keys>) =>
    jwtVerify(token, set, { issuer: opts.issuer, audience: opts.audience, algorithms: [accessTokenAlg], typ: accessTokenType, clockTolerance: 5 });
  return async (token): Promise<Principal> => {
    const set = await current(); // first: a due refresh also clears the tokens verified before it
    const cached = verified.get(token);
    if (cached) return cached;
    let result;
    try {
      result = await verifyWith(token, set);
    } catch (err) {
      // A rotated signing key: refresh the set once, not on every bad token.
      if ((err as { code?: string }).code !== "ERR_JWKS_NO_MATCHING_KEY" || Date.now() - loadedAt < 30_000) throw err;
      await load();
      result = await verifyWith(token, keys!);
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
  clear(): void {
    this.entries.clear();
  }
  set(token: string, principal: Principal, expiresAt: number): void {
    this.entries.set(token, { principal, expiresAt });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
