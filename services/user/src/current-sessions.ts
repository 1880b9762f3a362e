// The user service's own check of access tokens, on top of the signature: a token carrying the admin
// role must be of the user's current session epoch, so a demotion (or a password change) takes the
// admin's rights away here at once, not when the token expires. Other tokens are not looked up
// (that would cost a query on every call): customer rights are the same at every service, which
// all honour a token until it expires (accessTokenTtlSeconds).
import type { Db } from "@shop/kit/db";
import type { TokenVerifier } from "@shop/kit/rpc/server-interceptors";
import { isAdmin } from "./domain/roles.ts";
import { findSessionEpoch } from "./repo/users.ts";
import { sessionEpochOf } from "./tokens.ts";

export function currentSessionsOnly(verify: TokenVerifier, db: Db): TokenVerifier {
  return async (token) => {
    const principal = await verify(token);
    if (!isAdmin(principal.roles)) return principal;
    if (sessionEpochOf(token) !== (await findSessionEpoch(db, principal.userId))) throw new Error("the token's session has ended");
    return principal;
  };
}
