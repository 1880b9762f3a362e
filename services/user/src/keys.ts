// The access-token signing key: an Ed25519 key in a PKCS8 PEM file, created on first start and
// kept (0600) so tokens stay valid across restarts. Its kid is the RFC 7638 thumbprint.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import { accessTokenAlg } from "@shop/kit/auth";
import { readOrCreateFile } from "@shop/kit/secret-file";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** The public JWK as published in the JWKS. */
  publicJwk: JWK & { kid: string; alg: string; use: string };
}

export const defaultKeyFile = (dataDir: string) => join(dataDir, "keys", "jwt-ed25519.pem");

/** Reads the key, creating it when missing (two instances starting at once agree on one key). */
function readOrCreatePem(file: string): string {
  return readOrCreateFile(file, () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString());
}

export async function loadSigningKey(file: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(readOrCreatePem(file));
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`${file}: expected an Ed25519 key, found ${privateKey.asymmetricKeyType}`);
  const { kty, crv, x } = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint({ kty, crv, x }, "sha256");
  return { kid, privateKey, publicJwk: { kty, crv, x, kid, alg: accessTokenAlg, use: "sig" } };
}
