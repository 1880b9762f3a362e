// The carrier port: what the logistics service needs from a carrier integration (a real carrier's
// API, or the sandbox). A shipment is registered with its carrier when the order ships; the carrier
// reports its progress by signed webhooks, which the integration verifies with its own scheme.
import type { Executor } from "@shop/kit/db";
import type { CarrierEvent } from "../domain/carrier-event.ts";

export interface ShipmentRef {
  id: string;
  carrier: string;
  trackingNumber: string;
}

export interface CarrierProvider {
  readonly name: string;
  /** Seconds a delivery's timestamp may be from now: deliveries are remembered that long, to refuse replays. */
  readonly toleranceSeconds: number;
  /**
   * Asks the carrier to track `shipment` and report to our webhook. Called in the transaction that
   * creates the shipment (`ex`), once per shipment; it must be idempotent on `shipment.id`.
   */
  register(ex: Executor, shipment: ShipmentRef): Promise<void>;
  /**
   * The event in a webhook delivery, after checking its signature (over the raw bytes) and age,
   * and what identifies this very delivery (its signature: a replay of it is refused). Throws
   * WEBHOOK_SIGNATURE_INVALID, WEBHOOK_TIMESTAMP_STALE or WEBHOOK_MALFORMED.
   */
  verifyWebhook(rawBody: Uint8Array, signatureHeader: string, now: Date): { event: CarrierEvent; delivery: string };
  /** Ends background work. */
  close(): Promise<void>;
}
