// The sandbox's webhook signature (the kit's signed-webhook scheme), with the payment service's errors.
import { verifySignature } from "@shop/kit/webhook-signature";
import { webhookSignatureInvalid, webhookTimestampStale } from "../../domain/errors.ts";

export { sign, signatureHeader, toleranceSeconds } from "@shop/kit/webhook-signature";

/** Throws WEBHOOK_SIGNATURE_INVALID or WEBHOOK_TIMESTAMP_STALE unless `header` signs `body` with `secret` recently enough. */
export function verify(secret: Buffer, header: string, body: Uint8Array, now: Date): void {
  const verdict = verifySignature(secret, header, body, now);
  if (!verdict.ok) throw verdict.reason === "stale" ? webhookTimestampStale() : webhookSignatureInvalid();
}
