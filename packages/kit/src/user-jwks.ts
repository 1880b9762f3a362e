// How every service except the user service checks access tokens: against the key set the user
// service publishes (AuthService.GetJwks), fetched over the balanced client on first use and again
// when a token names an unknown key. Works the same on one machine and in a cluster.
import { createClient, type Transport } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import type { JSONWebKeySet, JWK } from "jose";
import { createJwtVerifier } from "./auth.ts";
import type { Registry } from "./discovery/registry.ts";
import type { Logger } from "./log.ts";
import { createServiceTransport } from "./rpc/client.ts";
import type { TokenVerifier } from "./rpc/server-interceptors.ts";

export function createUserJwksVerifier(auth: { issuer: string; audience: string }, userTransport: Transport, timeoutMs?: number): TokenVerifier {
  const client = createClient(userv1.AuthService, userTransport);
  return createJwtVerifier({
    ...auth,
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

/** For a service: the verifier with its own balanced client of the user service. */
export function createUserAuth(auth: { issuer: string; audience: string }, registry: Registry, timeoutMs: number, logger: Logger): UserAuth {
  const transport = createServiceTransport("user", registry, { timeoutMs, logger });
  return { verifyToken: createUserJwksVerifier(auth, transport), close: () => transport.close() };
}
