// Reading a shipment with its timeline: the shopper's own (another's is NOT_FOUND), or any for an admin.
import { shipmentNotFound } from "../domain/errors.ts";
import { findByOrder, type ShipmentRow } from "../repo/shipments.ts";
import { timelineOf, type TrackingEventRow } from "../repo/tracking-events.ts";
import type { Deps } from "./deps.ts";

export interface ShipmentView {
  shipment: ShipmentRow;
  timeline: TrackingEventRow[];
}

export async function getShipment(d: Deps, orderId: string, userId?: string): Promise<ShipmentView> {
  const shipment = await findByOrder(d.db, orderId);
  if (!shipment || (userId !== undefined && shipment.userId !== userId)) throw shipmentNotFound();
  return { shipment, timeline: await timelineOf(d.db, shipment.id) };
}
