// Domain rows <-> proto messages, and the signed-in caller the kit's interceptors put in the context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { logisticsv1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import type { ShipmentStatus } from "../domain/status.ts";
import type { ShipmentView } from "../usecases/get-shipment.ts";

const statusOf: Record<ShipmentStatus, logisticsv1.ShipmentStatus> = {
  CREATED: logisticsv1.ShipmentStatus.CREATED,
  PICKED_UP: logisticsv1.ShipmentStatus.PICKED_UP,
  IN_TRANSIT: logisticsv1.ShipmentStatus.IN_TRANSIT,
  OUT_FOR_DELIVERY: logisticsv1.ShipmentStatus.OUT_FOR_DELIVERY,
  DELIVERED: logisticsv1.ShipmentStatus.DELIVERED,
};

export function toShipment({ shipment: s, timeline }: ShipmentView): MessageInitShape<typeof logisticsv1.ShipmentSchema> {
  return {
    id: s.id,
    orderId: s.orderId,
    orderNumber: s.orderNumber,
    userId: s.userId,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    provider: s.provider,
    status: statusOf[s.status],
    shippedAt: timestampFromDate(s.shippedAt),
    deliveredAt: s.deliveredAt ? timestampFromDate(s.deliveredAt) : undefined,
    timeline: timeline.map((e) => ({
      status: statusOf[e.status],
      location: e.location,
      description: e.description,
      occurredAt: timestampFromDate(e.occurredAt),
      receivedAt: timestampFromDate(e.receivedAt),
    })),
    updatedAt: timestampFromDate(s.updatedAt),
  };
}

/** The signed-in caller's user id; only called from RPCs that require a principal. */
export function callerOf(ctx: HandlerContext): string {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal.userId;
}
