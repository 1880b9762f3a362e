// Refresh rotates the token under a row lock: the presented token is spent, a new one joins its
// family. A spent token coming back means a copy leaked: the family is revoked, and that revocation
// commits before the caller gets the error.
import { refreshTokenInvalid, refreshTokenReused } from "../domain/errors.ts";
import { hashRefreshToken, refreshTokenState } from "../domain/refresh-token.ts";
import { lockRefreshToken, markRefreshTokenUsed, revokeFamily } from "../repo/refresh-tokens.ts";
import { findUserById } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { issueTokens, type TokenPair } from "./session.ts";

type Outcome = { kind: "ok"; tokens: TokenPair } | { kind: "reused" } | { kind: "invalid" };

export async function refresh(d: Deps, refreshToken: string): Promise<TokenPair> {
  const outcome = await d.db.transaction(async (tx): Promise<Outcome> => {
    const row = await lockRefreshToken(tx, hashRefreshToken(refreshToken));
    if (!row) return { kind: "invalid" };
    const state = refreshTokenState(row, new Date());
    if (state === "reused") {
      await revokeFamily(tx, row.familyId);
      return { kind: "reused" };
    }
    if (state === "invalid") return { kind: "invalid" };
    const user = await findUserById(tx, row.userId);
    if (!user) return { kind: "invalid" };
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
