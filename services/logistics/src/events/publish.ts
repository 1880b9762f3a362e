// The logistics events, written to the outbox in the transaction of the change they announce: the
// order service starts the automatic receipt confirmation from a delivery.
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { events, logisticsv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import type { Tx } from "@shop/kit/db";
import type { ShipmentRow } from "../repo/shipments.ts";

export async function publishDelivered(tx: Tx, s: ShipmentRow): Promise<void> {
  const message = create(logisticsv1.ShipmentDeliveredSchema, {
    shipmentId: s.id,
    orderId: s.orderId,
    userId: s.userId,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    deliveredAt: timestampFromDate(s.deliveredAt ?? new Date()),
  });
  await enqueue(tx, events.shipmentDelivered, message);
}
