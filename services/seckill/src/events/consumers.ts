// What the seckill service does with events: "seckill.tickets" follows the orders made from its
// tickets (order.status_changed with a flash_sale_id), each message applied once (the inbox).
import { events } from "@shop/contracts";
import { subscribeEvents } from "@shop/kit/bus/events";
import { decodeEvent, idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus, Delivery, Subscription } from "@shop/kit/bus/port";
import type { Deps } from "../usecases/deps.ts";
import { followOrder } from "../usecases/follow-orders.ts";

const group = "seckill.tickets";

export async function subscribeToEvents(bus: Bus, d: Deps): Promise<Subscription> {
  const decode = (delivery: Delivery) => decodeEvent(events.orderStatusChanged.schema, delivery);
  const apply = idempotentHandler(d.db, group, (delivery, tx) => followOrder(d, tx, decode(delivery)));
  // Most orders are not flash-sale orders: those are acknowledged without a transaction.
  const handle = (delivery: Delivery) => (decode(delivery).flashSaleId ? apply(delivery) : Promise.resolve());
  return subscribeEvents(bus, group, [{ event: events.orderStatusChanged, handle }]);
}
