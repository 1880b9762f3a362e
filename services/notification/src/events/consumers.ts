// What the notification service does with events: one group ("notification.events", shared by the
// instances) turns the other services' events into inbox messages. Through the inbox table of
// handled ids: each message is applied once, in the transaction that writes the inbox row and its
// deliveries. Every order status change also records the order's owner and number, which the
// refund and delivery events do not carry.
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { events, type EventType } from "@shop/contracts";
import type { Tx } from "@shop/kit/db";
import { subscribeEvents, type EventHandler } from "@shop/kit/bus/events";
import { decodeEvent, idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus } from "@shop/kit/bus/port";
import { findOrderOwner, rememberOrder } from "../repo/orders.ts";
import type { Deps } from "../usecases/deps.ts";
import { notify } from "../usecases/notify.ts";
import { fromCouponExpiring, fromDelivered, fromOrderStatus, fromRefund, fromSaleStarting } from "./notices.ts";

export const eventsGroup = "notification.events";

export async function subscribeToEvents(bus: Bus, d: Deps): Promise<void> {
  const once = <Desc extends DescMessage>(event: EventType<Desc>, work: (e: MessageShape<Desc>, tx: Tx) => Promise<void>): EventHandler => ({
    event,
    handle: idempotentHandler(d.db, eventsGroup, (delivery, tx) => work(decodeEvent(event.schema, delivery), tx)),
  });
  await subscribeEvents(bus, eventsGroup, [
    once(events.orderStatusChanged, async (e, tx) => {
      await rememberOrder(tx, { orderId: e.orderId, userId: e.userId, number: e.number });
      const notice = fromOrderStatus(e);
      if (notice) await notify(d, tx, notice);
    }),
    once(events.paymentRefunded, async (e, tx) => {
      const owner = await findOrderOwner(tx, e.orderId);
      // A refund is of a paid order, whose status changes came first; thrown, it is redelivered.
      if (!owner) throw new Error(`refund ${e.refundId} of order ${e.orderId}, whose owner is not known yet`);
      await notify(d, tx, fromRefund(e, owner));
    }),
    once(events.shipmentDelivered, async (e, tx) => {
      const owner = await findOrderOwner(tx, e.orderId);
      await notify(d, tx, fromDelivered(e, owner?.number || e.orderId));
    }),
    once(events.couponExpiring, async (e, tx) => void (await notify(d, tx, fromCouponExpiring(e)))),
    once(events.flashSaleStarting, async (e, tx) => void (await notify(d, tx, fromSaleStarting(e)))),
  ]);
}
