// What a carrier's tracking webhook tells, once verified: the same shape for every carrier.
import type { CarrierStatus } from "./status.ts";

export interface CarrierEvent {
  /** The carrier's event id: unique, what duplicates are recognised by. */
  id: string;
  /** Our shipment id, given to the carrier as its reference when the shipment was registered. */
  shipmentId: string;
  trackingNumber: string;
  status: CarrierStatus;
  location: string;
  description: string;
  occurredAt: Date;
}
