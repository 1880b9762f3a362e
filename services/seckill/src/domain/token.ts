// Attempt tokens: `<expiry ms>.<HMAC-SHA256(secret, sale id . user id . expiry)>`, checked with the
// key alone (no database), in constant time. Short-lived, and only issued while the sale is on, so
// a bot cannot stock up on attempts ahead of the crowd.
import { createHmac, timingSafeEqual } from "node:crypto";

const mac = (secret: Buffer, saleId: string, userId: string, expiresMs: number) =>
  createHmac("sha256", secret).update(`${saleId}.${userId}.${expiresMs}`).digest();

export function signToken(secret: Buffer, saleId: string, userId: string, expiresMs: number): string {
  return `${expiresMs}.${mac(secret, saleId, userId, expiresMs).toString("base64url")}`;
}

export function tokenValid(secret: Buffer, token: string, saleId: string, userId: string, now: number): boolean {
  const dot = token.indexOf(".");
  const expiresMs = Number(token.slice(0, dot));
  if (dot <= 0 || !Number.isSafeInteger(expiresMs) || expiresMs <= now) return false;
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const wanted = mac(secret, saleId, userId, expiresMs);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
