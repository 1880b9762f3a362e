// ReceiveTrackingWebhook: a carrier's event, as delivered. The integration verifies signature and
// age (a refused delivery changes nothing); then, in one transaction: the delivery is claimed (the
// same delivery again is a replay: refused), the shipment locked and matched, the event recorded in
// the timeline once per event id (another delivery of it is answered OK, a duplicate), and the
// status moved only forward. DELIVERED is announced through the outbox.
import { transaction } from "@shop/kit/transaction";
import { providerNotFound, shipmentNotFound, webhookReplayed } from "../domain/errors.ts";
import { movesForward } from "../domain/status.ts";
import { publishDelivered } from "../events/publish.ts";
import { claimDelivery } from "../repo/deliveries.ts";
import { lockShipment, updateShipment } from "../repo/shipments.ts";
import { recordEvent } from "../repo/tracking-events.ts";
import type { Deps } from "./deps.ts";

export interface WebhookOutcome {
  applied: boolean;
  duplicate: boolean;
}

export async function receiveWebhook(d: Deps, providerName: string, payload: Uint8Array, signature: string): Promise<WebhookOutcome> {
  const provider = d.providers.get(providerName);
  if (!provider) throw providerNotFound(providerName);
  const { event, delivery } = provider.verifyWebhook(payload, signature, d.now());
  const outcome = await transaction(d.db, async (tx): Promise<WebhookOutcome> => {
    if (!(await claimDelivery(tx, `${providerName}:${delivery}`, provider.toleranceSeconds))) throw webhookReplayed();
    const shipment = await lockShipment(tx, event.shipmentId);
    if (!shipment || shipment.provider !== providerName || shipment.trackingNumber !== event.trackingNumber) throw shipmentNotFound();
    const recorded = await recordEvent(tx, {
      shipmentId: shipment.id,
      provider: providerName,
      eventId: event.id,
      status: event.status,
      location: event.location,
      description: event.description,
      occurredAt: event.occurredAt,
    });
    if (!recorded) return { applied: false, duplicate: true };
    if (!movesForward(shipment.status, event.status)) return { applied: false, duplicate: false };
    const delivered = event.status === "DELIVERED";
    const updated = await updateShipment(tx, shipment.id, { status: event.status, ...(delivered ? { deliveredAt: event.occurredAt } : {}) });
    if (delivered) await publishDelivered(tx, updated);
    return { applied: true, duplicate: false };
  });
  d.logger.info({ provider: providerName, eventId: event.id, status: event.status, shipmentId: event.shipmentId, ...outcome }, "tracking event received");
  return outcome;
}
