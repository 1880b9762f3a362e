// The sandbox carrier's webhook body: JSON with snake_case keys, as carriers send them.
import { z } from "zod";
import type { CarrierEvent } from "../../domain/carrier-event.ts";
import { webhookMalformed } from "../../domain/errors.ts";
import { carrierStatuses } from "../../domain/status.ts";
import { toleranceSeconds } from "./signature.ts";

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes("\0"), "no NUL");

const bodySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
  type: z.literal("tracking.updated"),
  reference: z.uuid(),
  tracking_number: text(100).min(1),
  status: z.enum(carrierStatuses),
  location: text(200),
  description: text(500),
  occurred_at: z.number().int().nonnegative(),
});

export type EventBody = z.input<typeof bodySchema>;

export function toBody(e: CarrierEvent): EventBody {
  return {
    id: e.id,
    type: "tracking.updated",
    reference: e.shipmentId,
    tracking_number: e.trackingNumber,
    status: e.status,
    location: e.location,
    description: e.description,
    occurred_at: Math.floor(e.occurredAt.getTime() / 1000),
  };
}

/** The event in a verified body; WEBHOOK_MALFORMED when it is not one (or happens in the future). */
export function parseBody(raw: Uint8Array, now: Date): CarrierEvent {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    throw webhookMalformed("not JSON");
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) throw webhookMalformed(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const b = parsed.data;
  if (b.occurred_at > now.getTime() / 1000 + toleranceSeconds) throw webhookMalformed("occurred_at: in the future");
  return {
    id: b.id,
    shipmentId: b.reference,
    trackingNumber: b.tracking_number,
    status: b.status,
    location: b.location,
    description: b.description,
    occurredAt: new Date(b.occurred_at * 1000),
  };
}
