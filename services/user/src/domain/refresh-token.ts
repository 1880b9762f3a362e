// Refresh tokens are 32 random bytes handed out once and kept only as their sha256. A token is
// spent by one refresh; presenting a spent one means it leaked, so its whole family is revoked.
import { createHash, randomBytes } from "node:crypto";

export const newRefreshToken = () => randomBytes(32).toString("base64url");
export const hashRefreshToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type RefreshTokenState = "active" | "reused" | "invalid";

export function refreshTokenState(row: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): RefreshTokenState {
  // Revoked first: after a family is revoked for reuse, replays are plainly invalid.
  if (row.revokedAt) return "invalid";
  if (row.usedAt) return "reused";
  return row.expiresAt.getTime() <= now.getTime() ? "invalid" : "active";
}
