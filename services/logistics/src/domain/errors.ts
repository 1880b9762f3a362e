// The logistics service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const shipmentNotFound = () => new AppError("not_found", "SHIPMENT_NOT_FOUND", "shipment not found");
export const providerNotFound = (name: string) => new AppError("not_found", "PROVIDER_NOT_FOUND", `no carrier integration "${name}"`);

// Webhooks: a refused delivery changes nothing.
export const webhookSignatureInvalid = () => new AppError("unauthenticated", "WEBHOOK_SIGNATURE_INVALID", "webhook signature missing or invalid");
export const webhookTimestampStale = () => new AppError("unauthenticated", "WEBHOOK_TIMESTAMP_STALE", "webhook timestamp outside the tolerance");
export const webhookReplayed = () => new AppError("already_exists", "WEBHOOK_REPLAYED", "this webhook delivery was received before");
export const webhookMalformed = (why: string) => new AppError("invalid_argument", "WEBHOOK_MALFORMED", `webhook body malformed: ${why}`);
