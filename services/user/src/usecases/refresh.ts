// Refresh rotates the token: the presented token is spent, a new one joins its family. A spent token
// coming back means a copy leaked: the family is revoked, and that revocation commits before the
// caller gets the error. It runs under the user's row lock, like every revocation, so a logout or a
// password change racing it either sees the new token or makes this refresh find its token revoked.
import { refreshTokenInvalid, refreshTokenReused } from "../domain/errors.ts";
import { hashRefreshToken, refreshTokenState } from "../domain/refresh-token.ts";
import { findRefreshToken, markRefreshTokenUsed, revokeFamily } from "../repo/refresh-tokens.ts";
import { lockUser } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { issueTokens, type TokenPair } from "./session.ts";

type Outcome = { kind: "ok"; tokens: TokenPair } | { kind: "reused" } | { kind: "invalid" };

export async function refresh(d: Deps, refreshToken: string): Promise<TokenPair> {
  const tokenHash = hashRefreshToken(refreshToken);
  const outcome = await d.db.transaction(async (tx): Promise<Outcome> => {
    const owner = (await findRefreshToken(tx, tokenHash))?.userId;
    const user = owner && (await lockUser(tx, owner));
    if (!user) return { kind: "invalid" };
    // Read again under the lock: a refresh or revocation that held it before us has committed.
    const row = await findRefreshToken(tx, tokenHash);
    if (!row) return { kind: "invalid" };
    const state = refreshTokenState(row, new Date());
    if (state === "reused") {
      await revokeFamily(tx, row.familyId);
      return { kind: "reused" };
    }
    if (state === "invalid") return { kind: "invalid" };
    await markRefreshTokenUsed(tx, row.id);
    return { kind: "ok", tokens: await issueTokens(d, tx, user, row.familyId) };
  });
  switch (outcome.kind) {
    case "ok":
      return outcome.tokens;
    case "reused":
      throw refreshTokenReused();
    case "invalid":
      throw refreshTokenInvalid();
  }
}
