// What the review service does with events: "review.orders" (one group shared by the instances)
// records each COMPLETED order's lines as reviewable by its shopper, once per message (inbox).
// Other transitions are acknowledged without an inbox row: they change nothing here.
import { events, orderv1 } from "@shop/contracts";
import { on, subscribeEvents } from "@shop/kit/bus/events";
import { idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus } from "@shop/kit/bus/port";
import type { Deps } from "../usecases/deps.ts";
import { recordCompleted } from "../usecases/record-completed.ts";

export const ordersGroup = "review.orders";

export async function subscribeToEvents(bus: Bus, d: Deps): Promise<void> {
  await subscribeEvents(bus, ordersGroup, [
    on(events.orderStatusChanged, (e, delivery) =>
      e.to === orderv1.OrderStatus.COMPLETED ? idempotentHandler(d.db, ordersGroup, (_, tx) => recordCompleted(tx, e))(delivery) : Promise.resolve(),
    ),
  ]);
}
