// The payment provider port: what the payment service needs from a provider (Stripe, Alipay,
// WeChat Pay, or the sandbox). A provider starts a checkout on its hosted page, refunds, and tells
// outcomes by signed webhooks that it verifies with its own scheme. README "Payments" says how a
// real provider plugs in.
import type { ProviderEvent } from "../domain/provider-event.ts";

/** What a provider needs to know of a payment. */
export interface PaymentRef {
  id: string;
  orderId: string;
  orderNumber: string;
  amountMinor: number;
  currency: string;
  providerReference: string;
}

export interface RefundRef {
  id: string;
  amountMinor: number;
  reason: string;
}

export interface Checkout {
  /** The provider's hosted page the shopper is sent to. */
  url: string;
  /** The provider's own id of the payment. */
  providerReference: string;
}

export interface PaymentProvider {
  readonly name: string;
  createCheckout(payment: PaymentRef): Promise<Checkout>;
  /**
   * Asks the provider to refund `refund` (the payment in full). Called again for the same refund id
   * after a crash, so it must be idempotent on `refund.id`. Completion arrives as a webhook.
   */
  refund(payment: PaymentRef, refund: RefundRef): Promise<void>;
  /**
   * The event in a webhook delivery, after checking its signature (over the raw bytes) and age.
   * Throws the typed errors of domain/errors.ts: WEBHOOK_SIGNATURE_INVALID, WEBHOOK_TIMESTAMP_STALE,
   * WEBHOOK_MALFORMED.
   */
  verifyWebhook(rawBody: Uint8Array, signatureHeader: string, now: Date): ProviderEvent;
  /** Ends background work (deliveries in flight). */
  close(): Promise<void>;
}
