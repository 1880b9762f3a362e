// Logout ends the session the refresh token belongs to. Idempotent: an unknown or already revoked
// token is fine, the caller is signed out either way. Under the user's row lock, like a refresh,
// so a refresh racing it cannot leave a new token of the family behind.
import { hashRefreshToken } from "../domain/refresh-token.ts";
import { findRefreshToken, revokeFamily } from "../repo/refresh-tokens.ts";
import { lockUser } from "../repo/users.ts";
import type { Deps } from "./deps.ts";

export async function logout(d: Deps, refreshToken: string): Promise<void> {
  await d.db.transaction(async (tx) => {
    const row = await findRefreshToken(tx, hashRefreshToken(refreshToken));
    if (!row) return;
    await lockUser(tx, row.userId);
    await revokeFamily(tx, row.familyId);
  });
}
