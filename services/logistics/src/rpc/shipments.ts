// ShipmentService (the shopper's own shipments), AdminShipmentService (any) and
// CarrierWebhookService (what the gateway's carrier webhook route calls).
import type { ServiceImpl } from "@connectrpc/connect";
import type { logisticsv1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { getShipment } from "../usecases/get-shipment.ts";
import { receiveWebhook } from "../usecases/receive-webhook.ts";
import { callerOf, toShipment } from "./mapping.ts";

export function shipmentService(d: Deps): ServiceImpl<typeof logisticsv1.ShipmentService> {
  return {
    async getMyShipment(req, ctx) {
      return toShipment(await getShipment(d, req.orderId, callerOf(ctx)));
    },
  };
}

export function adminShipmentService(d: Deps): ServiceImpl<typeof logisticsv1.AdminShipmentService> {
  return {
    async adminGetShipment(req) {
      return toShipment(await getShipment(d, req.orderId));
    },
  };
}

export function carrierWebhookService(d: Deps): ServiceImpl<typeof logisticsv1.CarrierWebhookService> {
  return {
    receiveTrackingWebhook: (req) => receiveWebhook(d, req.provider, req.payload, req.signature),
  };
}
