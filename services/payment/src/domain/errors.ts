// The payment service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const paymentNotFound = () => new AppError("not_found", "PAYMENT_NOT_FOUND", "payment not found");
export const orderNotFound = () => new AppError("not_found", "ORDER_NOT_FOUND", "order not found");
export const orderNotPayable = (status: string) =>
  new AppError("failed_precondition", "ORDER_NOT_PAYABLE", "the order is not awaiting payment", { metadata: { orderStatus: status } });
export const paymentNotPending = (status: string) =>
  new AppError("failed_precondition", "PAYMENT_NOT_PENDING", "the payment is no longer pending", { metadata: { status } });
export const providerNotFound = (name: string) => new AppError("not_found", "PROVIDER_NOT_FOUND", `no payment provider "${name}"`);

// Webhooks: a refused delivery changes nothing.
export const webhookSignatureInvalid = () => new AppError("unauthenticated", "WEBHOOK_SIGNATURE_INVALID", "webhook signature missing or invalid");
export const webhookTimestampStale = () => new AppError("unauthenticated", "WEBHOOK_TIMESTAMP_STALE", "webhook timestamp outside the tolerance");
export const webhookMalformed = (why: string) => new AppError("invalid_argument", "WEBHOOK_MALFORMED", `webhook body malformed: ${why}`);
export const amountMismatch = (expected: { amountMinor: number; currency: string }) =>
  new AppError("invalid_argument", "AMOUNT_MISMATCH", "the event's amount or currency is not the payment's", {
    metadata: { amountMinor: String(expected.amountMinor), currency: expected.currency },
  });
// Not yet committed (the refund's transaction still runs) or unknown: the provider retries.
export const refundNotFound = () => new AppError("failed_precondition", "REFUND_NOT_FOUND", "no pending refund for this event");

// The wallet.
export const insufficientBalance = (balance: { balanceMinor: number; currency: string }, neededMinor: number) =>
  new AppError("failed_precondition", "INSUFFICIENT_BALANCE", "the wallet balance is below the amount to pay", {
    metadata: { balanceMinor: String(balance.balanceMinor), neededMinor: String(neededMinor), currency: balance.currency },
  });
export const topUpNotFound = () => new AppError("not_found", "TOP_UP_NOT_FOUND", "top-up not found");
