// An order shipped (order.status_changed to SHIPPED, with its carrier and tracking number): in the
// consumer's inbox transaction, the shipment is made (once per order), its first timeline step
// recorded and the shipment registered with its carrier integration, so the carrier's schedule
// exists exactly when the shipment does.
import { v7 } from "uuid";
import type { Tx } from "@shop/kit/db";
import { insertShipment } from "../repo/shipments.ts";
import { recordEvent } from "../repo/tracking-events.ts";
import type { Deps } from "./deps.ts";

export interface ShippedOrder {
  orderId: string;
  orderNumber: string;
  userId: string;
  carrier: string;
  trackingNumber: string;
}

export async function createShipment(d: Deps, tx: Tx, o: ShippedOrder): Promise<void> {
  const provider = d.providers.get(o.carrier.trim().toLowerCase()) ?? d.fallback;
  const now = d.now();
  const shipment = await insertShipment(tx, { id: v7(), ...o, provider: provider.name, shippedAt: now });
  if (!shipment) return; // made before (the order's SHIPPED seen again)
  await recordEvent(tx, {
    shipmentId: shipment.id,
    provider: "shop",
    eventId: `created_${shipment.id}`,
    status: "CREATED",
    location: "",
    description: `Handed to ${o.carrier} (${o.trackingNumber})`,
    occurredAt: now,
  });
  await provider.register(tx, { id: shipment.id, carrier: o.carrier, trackingNumber: o.trackingNumber });
  d.logger.info({ orderId: o.orderId, shipmentId: shipment.id, provider: provider.name }, "shipment created");
}
