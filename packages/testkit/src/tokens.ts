// Access tokens for in-process tests: real EdDSA JWTs, signed with a key made for the test file and
// checked by the kit's own verifier, as a service checks the user service's (no user service needed).
import { generateKeyPairSync, randomUUID } from "node:crypto";
import type { CallOptions } from "@connectrpc/connect";
import { accessTokenAlg, accessTokenType, createJwtVerifier } from "@shop/kit/auth";
import type { TokenVerifier } from "@shop/kit/rpc/server-interceptors";
import { exportJWK, SignJWT, type JWK } from "jose";

export interface TestTokens {
  verifyToken: TokenVerifier;
  /** The public key set, for a service process started with it pinned (SHOP_JWT_PUBLIC_KEYS with `claims`). */
  jwks: { keys: JWK[] };
  claims: { issuer: string; audience: string };
  /** Call options carrying a fresh access token of `userId` with `roles`. */
  as: (userId: string, roles: string[]) => Promise<CallOptions>;
}

export async function createTestTokens(): Promise<TestTokens> {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const kid = "in-process-test";
  const claims = { issuer: "shop-test", audience: "shop-test" };
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: accessTokenAlg, use: "sig" };
  return {
    jwks: { keys: [jwk] },
    claims,
    verifyToken: createJwtVerifier({ ...claims, loadJwks: () => Promise.resolve({ keys: [jwk] }) }),
    async as(userId, roles) {
      const token = await new SignJWT({ roles })
        .setProtectedHeader({ alg: accessTokenAlg, kid, typ: accessTokenType })
        .setIssuer(claims.issuer)
        .setAudience(claims.audience)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime("15m")
        .sign(privateKey);
      return { headers: { authorization: `Bearer ${token}` } };
    },
  };
}
