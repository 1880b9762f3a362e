// The access-token signing key: an Ed25519 key in a PKCS8 PEM file, created on first start and
// kept (0600) so tokens stay valid across restarts. Its kid is the RFC 7638 thumbprint.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import { accessTokenAlg } from "@shop/kit/auth";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** The public JWK as published in the JWKS. */
  publicJwk: JWK & { kid: string; alg: string; use: string };
}

export const defaultKeyFile = (dataDir: string) => join(dataDir, "keys", "jwt-ed25519.pem");

/**
 * Reads the key, creating it when missing. The new PEM is written to a private temp file and then
 * hard-linked into place: link fails with EEXIST if another instance won the race, and the winner's
 * file is complete the moment it appears (a plain "wx" open would expose a half-written file).
 */
function readOrCreatePem(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync("ed25519");
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(tmp);
  }
  return readFileSync(file, "utf8");
}

export async function loadSigningKey(file: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(readOrCreatePem(file));
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`${file}: expected an Ed25519 key, found ${privateKey.asymmetricKeyType}`);
  const { kty, crv, x } = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint({ kty, crv, x }, "sha256");
  return { kid, privateKey, publicJwk: { kty, crv, x, kid, alg: accessTokenAlg, use: "sig" } };
}
