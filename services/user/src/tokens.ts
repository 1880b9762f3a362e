// Access tokens: EdDSA JWTs with kid and typ "at+jwt", carrying the user id and roles.
import { randomUUID } from "node:crypto";
import { SignJWT, type JSONWebKeySet } from "jose";
import { accessTokenAlg, accessTokenType, createJwtVerifier } from "@shop/kit/auth";
import type { TokenVerifier } from "@shop/kit/rpc/server-interceptors";
import type { SigningKey } from "./keys.ts";

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface AccessTokens {
  sign(userId: string, roles: readonly string[]): Promise<{ token: string; expiresIn: number }>;
  jwks(): JSONWebKeySet;
  verifier(): TokenVerifier;
}

export function createAccessTokens(key: SigningKey, settings: AccessTokenSettings): AccessTokens {
  const jwks: JSONWebKeySet = { keys: [key.publicJwk] };
  return {
    async sign(userId, roles) {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ roles: [...roles] })
        .setProtectedHeader({ alg: accessTokenAlg, kid: key.kid, typ: accessTokenType })
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setSubject(userId)
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
