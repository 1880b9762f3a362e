// Access tokens are checked against the user service's key set (see @shop/kit/user-jwks).
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { createServiceTransport } from "@shop/kit/rpc/client";
import type { TokenVerifier } from "@shop/kit/rpc/server-interceptors";
import { createUserJwksVerifier } from "@shop/kit/user-jwks";

export interface UserAuth {
  verifyToken: TokenVerifier;
  close(): void;
}

export function createUserAuth(auth: { issuer: string; audience: string }, registry: Registry, timeoutMs: number, logger: Logger): UserAuth {
  const transport = createServiceTransport("user", registry, { timeoutMs, logger });
  return { verifyToken: createUserJwksVerifier(auth, transport), close: () => transport.close() };
}
