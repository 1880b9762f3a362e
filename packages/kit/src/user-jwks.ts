// How every service except the user service checks access tokens. With keys pinned by configuration
// (auth.publicKeysFile / auth.publicKeys) only those keys verify and nothing is fetched: whoever
// can write to the registry cannot slip in a key of their own. Otherwise the key set the user
// service publishes (AuthService.GetJwks) is fetched over the balanced client on first use, again
// when a token names an unknown key, and every auth.keysRefreshSeconds.
import { readFileSync } from "node:fs";
import { createClient, type Transport } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import type { JSONWebKeySet, JWK } from "jose";
import { createJwtVerifier } from "./auth.ts";
import type { PlatformConfig } from "./platform.ts";
import type { ProcessContext } from "./process.ts";
import { createServiceTransport } from "./rpc/client.ts";
import type { TokenVerifier } from "./rpc/server-interceptors.ts";

type AuthSettings = PlatformConfig["auth"];

/** The pinned key set, or undefined when none is configured; a set that is not a JWKS with keys stops the start. */
export function pinnedJwks(auth: Pick<AuthSettings, "publicKeysFile" | "publicKeys">): JSONWebKeySet | undefined {
  const where = auth.publicKeysFile ? `auth.publicKeysFile (${auth.publicKeysFile})` : "auth.publicKeys";
  const text = auth.publicKeysFile ? readFileSync(auth.publicKeysFile, "utf8") : auth.publicKeys;
  if (!text.trim()) return undefined;
  let set: unknown;
  try {
    set = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where}: not JSON: ${(err as Error).message}`, { cause: err });
  }
  const keys = (set as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === "object" && k !== null && typeof (k as JWK).kid === "string")) {
    throw new Error(`${where}: expected a JWKS, {"keys": [...]}, with at least one key, each with a kid`);
  }
  return { keys: keys as JWK[] };
}

export function createUserJwksVerifier(auth: AuthSettings, userTransport: Transport | undefined, timeoutMs?: number): TokenVerifier {
  const pinned = pinnedJwks(auth);
  if (pinned) return createJwtVerifier({ ...auth, loadJwks: () => Promise.resolve(pinned) });
  if (!userTransport) throw new Error("no pinned keys and no way to reach the user service");
  const client = createClient(userv1.AuthService, userTransport);
  return createJwtVerifier({
    ...auth,
    refreshMs: auth.keysRefreshSeconds * 1000,
    async loadJwks(): Promise<JSONWebKeySet> {
      const res = await client.getJwks({}, { timeoutMs });
      // Empty proto strings are absent members in a JWK.
      const keys = res.keys.map(
        (k) => Object.fromEntries(Object.entries({ kty: k.kty, crv: k.crv, x: k.x, kid: k.kid, alg: k.alg, use: k.use }).filter(([, v]) => v !== "")) as JWK,
      );
      return { keys };
    },
  });
}

export interface UserAuth {
  verifyToken: TokenVerifier;
  close(): void;
}

/** For a service: the verifier, with its own balanced client of the user service unless the keys are pinned. */
export function createUserAuth(ctx: Pick<ProcessContext<PlatformConfig>, "config" | "registry" | "logger" | "tls">): UserAuth {
  const c = ctx.config.value;
  if (pinnedJwks(c.auth)) return { verifyToken: createUserJwksVerifier(c.auth, undefined), close: () => undefined };
  const transport = createServiceTransport("user", ctx.registry, { timeoutMs: c.rpcTimeoutMs, logger: ctx.logger, tls: ctx.tls });
  return { verifyToken: createUserJwksVerifier(c.auth, transport, c.rpcTimeoutMs), close: () => transport.close() };
}
