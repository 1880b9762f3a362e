// The gateway checks access tokens itself so that bad tokens never reach a service: the key set
// comes from the user service (createUserJwksVerifier). The service verifies the token again.
import { Code, ConnectError } from "@connectrpc/connect";
import { options } from "@shop/contracts";
import type { Principal } from "@shop/kit/rpc/context";
import type { TokenVerifier } from "@shop/kit/rpc/server-interceptors";
import { HttpError } from "./errors.ts";
import type { RoutedAccess } from "./routes/table.ts";

/** The token of an `Authorization: Bearer <token>` header (the scheme is case-insensitive). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer +([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export type Authorize = (access: RoutedAccess, authorization: string | undefined) => Promise<Principal | undefined>;

export function createAuthorizer(verify: TokenVerifier): Authorize {
  return async (access, authorization) => {
    if (access === options.Access.PUBLIC) return undefined;
    const token = bearerToken(authorization);
    if (!token) throw new HttpError(Code.Unauthenticated, "TOKEN_MISSING", "sign in first: no bearer token", { headers: { "www-authenticate": "Bearer" } });
    let principal: Principal;
    try {
      principal = await verify(token);
    } catch (err) {
      // The key set could not be fetched: an upstream outage, not the client's fault.
      if (err instanceof ConnectError) throw err;
      throw new HttpError(Code.Unauthenticated, "TOKEN_INVALID", "the access token is invalid or expired", {
        headers: { "www-authenticate": 'Bearer error="invalid_token"' },
      });
    }
    if (access === options.Access.ADMIN && !principal.roles.includes("admin")) {
      throw new HttpError(Code.PermissionDenied, "ADMIN_REQUIRED", "this needs the admin role");
    }
    return principal;
  };
}
