// The sandbox's webhook body: JSON with snake_case keys, as providers send them.
import { z } from "zod";
import { webhookMalformed } from "../../domain/errors.ts";
import { providerEventTypes, type ProviderEvent } from "../../domain/provider-event.ts";

const bodySchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(providerEventTypes),
  payment_id: z.uuid(),
  refund_id: z.uuid().optional(),
  amount_minor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/),
  provider_reference: z.string().max(200),
  created: z.number().int().nonnegative(),
  failure_reason: z.string().max(500).optional(),
});

export type EventBody = z.input<typeof bodySchema>;

export function toBody(e: ProviderEvent): EventBody {
  return {
    id: e.id,
    type: e.type,
    payment_id: e.paymentId,
    ...(e.refundId ? { refund_id: e.refundId } : {}),
    amount_minor: e.amountMinor,
    currency: e.currency,
    provider_reference: e.providerReference,
    created: e.created,
    ...(e.failureReason ? { failure_reason: e.failureReason } : {}),
  };
}

/** The event in a verified body; WEBHOOK_MALFORMED when it is not one. */
export function parseBody(raw: Uint8Array): ProviderEvent {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    throw webhookMalformed("not JSON");
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) throw webhookMalformed(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const b = parsed.data;
  if (b.type === "refund.succeeded" && !b.refund_id) throw webhookMalformed("refund_id: required for refund.succeeded");
  return {
    id: b.id,
    type: b.type,
    paymentId: b.payment_id,
    refundId: b.refund_id,
    amountMinor: b.amount_minor,
    currency: b.currency,
    providerReference: b.provider_reference,
    created: b.created,
    failureReason: b.failure_reason,
  };
}
