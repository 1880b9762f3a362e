// Logout ends the session the refresh token belongs to. Idempotent: an unknown or already revoked
// token is fine, the caller is signed out either way.
import { hashRefreshToken } from "../domain/refresh-token.ts";
import { findRefreshToken, revokeFamily } from "../repo/refresh-tokens.ts";
import type { Deps } from "./deps.ts";

export async function logout(d: Deps, refreshToken: string): Promise<void> {
  const row = await findRefreshToken(d.db, hashRefreshToken(refreshToken));
  if (row) await revokeFamily(d.db, row.familyId);
}
