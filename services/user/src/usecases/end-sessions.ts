// Ends every session of a user, for a role or password change: the refresh tokens are revoked and
// the session epoch moves on, so access tokens issued before stop working at the user service (see
// current-sessions.ts). Run it holding the user's row lock (user-lock.ts).
import type { Tx } from "@shop/kit/db";
import { revokeAllOfUser } from "../repo/refresh-tokens.ts";
import { bumpSessionEpoch } from "../repo/users.ts";

export async function endAllSessions(tx: Tx, userId: string): Promise<void> {
  await bumpSessionEpoch(tx, userId);
  await revokeAllOfUser(tx, userId);
}
