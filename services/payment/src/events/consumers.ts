// What the payment service does with events: "payment.refunds" (one group shared by the
// instances) refunds a payment when the order service asks (order.refund_requested), once per
// message (the inbox).
import { events } from "@shop/contracts";
import { subscribeEvents } from "@shop/kit/bus/events";
import { decodeEvent, idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus } from "@shop/kit/bus/port";
import type { Deps } from "../usecases/deps.ts";
import { requestRefund } from "../usecases/request-refund.ts";

const refundsGroup = "payment.refunds";

export async function subscribeToEvents(bus: Bus, d: Deps): Promise<void> {
  const refund = idempotentHandler(d.db, refundsGroup, (delivery, tx) => requestRefund(d, tx, decodeEvent(events.orderRefundRequested.schema, delivery)));
  await subscribeEvents(bus, refundsGroup, [{ event: events.orderRefundRequested, handle: refund }]);
}
