// The sandbox carrier's webhook signature (the kit's signed-webhook scheme, as the payment sandbox's),
// with the logistics service's errors.
import { verifySignature } from "@shop/kit/webhook-signature";
import { webhookSignatureInvalid, webhookTimestampStale } from "../../domain/errors.ts";

export { sign, signatureHeader, toleranceSeconds } from "@shop/kit/webhook-signature";

/**
 * Throws WEBHOOK_SIGNATURE_INVALID or WEBHOOK_TIMESTAMP_STALE unless `header` signs `body` with
 * `secret` recently enough; returns what names this delivery (its time and signature).
 */
export function verify(secret: Buffer, header: string, body: Uint8Array, now: Date): string {
  const verdict = verifySignature(secret, header, body, now);
  if (!verdict.ok) throw verdict.reason === "stale" ? webhookTimestampStale() : webhookSignatureInvalid();
  return verdict.delivery;
}
