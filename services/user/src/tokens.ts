// Access tokens: EdDSA JWTs with kid and typ "at+jwt", carrying the user id, roles and the user's
// session epoch (which the user service itself checks, see current-sessions.ts).
import { randomUUID } from "node:crypto";
import { decodeJwt, SignJWT, type JSONWebKeySet } from "jose";
import { accessTokenAlg, accessTokenType, createJwtVerifier } from "@shop/kit/auth";
import type { TokenVerifier } from "@shop/kit/rpc/server-interceptors";
import type { SigningKey } from "./keys.ts";

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface TokenSubject {
  id: string;
  roles: readonly string[];
  sessionEpoch: number;
}

const sessionEpochClaim = "session_epoch";

/** The epoch a token was issued in; tokens from before the claim existed are of epoch 0. Call only on a verified token. */
export function sessionEpochOf(token: string): number {
  const epoch = decodeJwt(token)[sessionEpochClaim];
  return typeof epoch === "number" ? epoch : 0;
}

export interface AccessTokens {
  sign(user: TokenSubject): Promise<{ token: string; expiresIn: number }>;
  jwks(): JSONWebKeySet;
  verifier(): TokenVerifier;
}

export function createAccessTokens(key: SigningKey, settings: AccessTokenSettings): AccessTokens {
  const jwks: JSONWebKeySet = { keys: [key.publicJwk] };
  return {
    async sign(user) {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ roles: [...user.roles], [sessionEpochClaim]: user.sessionEpoch })
        .setProtectedHeader({ alg: accessTokenAlg, kid: key.kid, typ: accessTokenType })
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setSubject(user.id)
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(now + settings.ttlSeconds)
        .sign(key.privateKey);
      return { token, expiresIn: settings.ttlSeconds };
    },
    jwks: () => jwks,
    verifier: () => createJwtVerifier({ issuer: settings.issuer, audience: settings.audience, loadJwks: () => Promise.resolve(jwks) }),
  };
}
