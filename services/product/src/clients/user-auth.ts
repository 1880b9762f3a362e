// Access tokens are checked against the key set the user service publishes (AuthService.GetJwks),
// fetched over RPC through the registry on first use and again when a token names an unknown key.
// This works the same on one machine and in a cluster; reading the key file from a shared data
// folder would not.
import { createClient } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import { createJwtVerifier } from "@shop/kit/auth";
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { createServiceTransport } from "@shop/kit/rpc/client";
import type { TokenVerifier } from "@shop/kit/rpc/server-interceptors";
import type { JWK } from "jose";

export interface UserAuth {
  verifyToken: TokenVerifier;
  close(): void;
}

export function createUserAuth(auth: { issuer: string; audience: string }, registry: Registry, timeoutMs: number, logger: Logger): UserAuth {
  const transport = createServiceTransport("user", registry, { timeoutMs, logger });
  const client = createClient(userv1.AuthService, transport);
  const verifyToken = createJwtVerifier({
    ...auth,
    async loadJwks() {
      const res = await client.getJwks({});
      // Empty proto strings are absent members in a JWK.
      const keys = res.keys.map((k) => Object.fromEntries(Object.entries({ kty: k.kty, crv: k.crv, x: k.x, kid: k.kid, alg: k.alg, use: k.use }).filter(([, v]) => v !== "")) as JWK);
      return { keys };
    },
  });
  return { verifyToken, close: () => transport.close() };
}
