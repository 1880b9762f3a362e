// What the logistics service does with events: "logistics.shipments" (one group shared by the
// instances) makes a shipment when an order ships (order.status_changed to SHIPPED, which carries
// the carrier and tracking number), once per message (the inbox; only SHIPPED ones are recorded
// there, the order's other changes are passed over).
import { events, orderv1 } from "@shop/contracts";
import { on, subscribeEvents } from "@shop/kit/bus/events";
import { decodeEvent, idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus, Subscription } from "@shop/kit/bus/port";
import { createShipment } from "../usecases/create-shipment.ts";
import type { Deps } from "../usecases/deps.ts";

const shipmentsGroup = "logistics.shipments";
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function subscribeToEvents(bus: Bus, d: Deps): Promise<Subscription> {
  const shipped = idempotentHandler(d.db, shipmentsGroup, (delivery, tx) => {
    const e = decodeEvent(events.orderStatusChanged.schema, delivery);
    return createShipment(d, tx, { orderId: e.orderId, orderNumber: e.number, userId: e.userId, carrier: e.carrier, trackingNumber: e.trackingNumber });
  });
  return subscribeEvents(bus, shipmentsGroup, [
    on(events.orderStatusChanged, async (e, delivery) => {
      if (e.to !== orderv1.OrderStatus.SHIPPED) return;
      // Ids go into uuid columns; without a tracking number there is nothing to follow. Dropped.
      if (!uuid.test(e.orderId) || !uuid.test(e.userId) || !e.carrier || !e.trackingNumber) {
        return d.logger.error({ orderId: e.orderId }, "a SHIPPED order event without valid ids, carrier or tracking number: dropped");
      }
      await shipped(delivery);
    }),
  ]);
}
