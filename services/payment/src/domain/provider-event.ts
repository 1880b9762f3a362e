// What a provider's webhook tells, once verified: the same shape for every provider.

export const providerEventTypes = ["payment.succeeded", "payment.failed", "refund.succeeded"] as const;
export type ProviderEventType = (typeof providerEventTypes)[number];

export interface ProviderEvent {
  /** The provider's event id: unique, what replays and duplicates are recognised by. */
  id: string;
  type: ProviderEventType;
  paymentId: string;
  refundId?: string;
  amountMinor: number;
  currency: string;
  providerReference: string;
  /** Unix seconds. */
  created: number;
  failureReason?: string;
}
