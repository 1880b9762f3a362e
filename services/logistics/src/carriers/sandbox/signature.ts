// The sandbox carrier's webhook signature, the payment sandbox's (Stripe's) scheme:
// `Shop-Signature: t=<unix seconds>,v1=<hex>` where the hex is HMAC-SHA256(secret, "<t>.<raw body>").
// Several v1 values may be sent (a secret being rotated); one match is enough. Compared in constant
// time; a timestamp more than the tolerance away from now (either way) is refused.
import { createHmac, timingSafeEqual } from "node:crypto";
import { webhookSignatureInvalid, webhookTimestampStale } from "../../domain/errors.ts";

export const signatureHeader = "shop-signature";
export const toleranceSeconds = 5 * 60;

const hmac = (secret: Buffer, t: number, body: Uint8Array) => createHmac("sha256", secret).update(`${t}.`).update(body).digest();

/** The header value for `body` signed at `t` (unix seconds). */
export function sign(secret: Buffer, t: number, body: Uint8Array): string {
  return `t=${t},v1=${hmac(secret, t, body).toString("hex")}`;
}

function parse(header: string): { t: number; v1: Buffer[] } | undefined {
  let t: number | undefined;
  const v1: Buffer[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    const [key, value] = [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    if (key === "t" && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) v1.push(Buffer.from(value, "hex"));
  }
  return t === undefined || !v1.length ? undefined : { t, v1 };
}

/**
 * Throws WEBHOOK_SIGNATURE_INVALID or WEBHOOK_TIMESTAMP_STALE unless `header` signs `body` with
 * `secret` recently enough; returns the signature that matched, which names this delivery.
 */
export function verify(secret: Buffer, header: string, body: Uint8Array, now: Date): string {
  const parsed = parse(header);
  if (!parsed) throw webhookSignatureInvalid();
  const expected = hmac(secret, parsed.t, body);
  // Every candidate is compared (no early exit), each in constant time.
  const matched = parsed.v1.reduce((ok, candidate) => timingSafeEqual(candidate, expected) || ok, false);
  if (!matched) throw webhookSignatureInvalid();
  if (Math.abs(now.getTime() / 1000 - parsed.t) > toleranceSeconds) throw webhookTimestampStale();
  return `${parsed.t}:${expected.toString("hex")}`;
}
