// Signed webhooks, Stripe's scheme, for the sandbox payment provider and the sandbox carrier alike:
// `Shop-Signature: t=<unix seconds>,v1=<hex>` where the hex is HMAC-SHA256(secret, "<t>.<raw body>").
// Several v1 values may be sent (a secret being rotated); one match is enough. Compared in constant
// time; a timestamp more than the tolerance away from now (either way) is refused, so a captured
// delivery cannot be replayed later. Each service maps the verdict to its own typed errors.
import { createHmac, timingSafeEqual } from "node:crypto";

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

export type SignatureVerdict = { ok: true; delivery: string } | { ok: false; reason: "invalid" | "stale" };

/** Whether `header` signs `body` with `secret` recently enough; when it does, `delivery` names this delivery (its time and signature). */
export function verifySignature(secret: Buffer, header: string, body: Uint8Array, now: Date): SignatureVerdict {
  const parsed = parse(header);
  if (!parsed) return { ok: false, reason: "invalid" };
  const expected = hmac(secret, parsed.t, body);
  // Every candidate is compared (no early exit), each in constant time.
  const matched = parsed.v1.reduce((ok, candidate) => timingSafeEqual(candidate, expected) || ok, false);
  if (!matched) return { ok: false, reason: "invalid" };
  if (Math.abs(now.getTime() / 1000 - parsed.t) > toleranceSeconds) return { ok: false, reason: "stale" };
  return { ok: true, delivery: `${parsed.t}:${expected.toString("hex")}` };
}
