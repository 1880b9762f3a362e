// Issues a token pair: a signed access token and a refresh token in the given (or a new) family.
import { v7 } from "uuid";
import { hashRefreshToken, newRefreshToken } from "../domain/refresh-token.ts";
import type { Executor } from "@shop/kit/db";
import { insertRefreshToken } from "../repo/refresh-tokens.ts";
import type { TokenSubject } from "../tokens.ts";
import type { Deps } from "./deps.ts";

export interface TokenPair {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

export async function issueTokens(d: Deps, ex: Executor, user: TokenSubject, familyId: string = v7()): Promise<TokenPair> {
  const refreshExpiresIn = d.config.value.auth.refreshTokenTtlSeconds;
  const refreshToken = newRefreshToken();
  await insertRefreshToken(ex, {
    id: v7(),
    tokenHash: hashRefreshToken(refreshToken),
    familyId,
    userId: user.id,
    expiresAt: new Date(Date.now() + refreshExpiresIn * 1000),
  });
  const access = await d.accessTokens.sign(user);
  return { accessToken: access.token, tokenType: "Bearer", expiresIn: access.expiresIn, refreshToken, refreshExpiresIn };
}
