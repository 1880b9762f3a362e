// What the coupon service does with events: "coupon.orders" (one group shared by the instances)
// follows the orders' status changes for their coupons. PAID: the locked coupon is USED (and
// counted by its template). CANCELLED or FAILED: it is AVAILABLE again, unless already USED.
// Through the inbox: each message is applied once, in the transaction of its change.
import { events, orderv1 } from "@shop/contracts";
import { subscribeEvents } from "@shop/kit/bus/events";
import { decodeEvent, idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus } from "@shop/kit/bus/port";
import type { Deps } from "../usecases/deps.ts";
import { releaseIn, useIn } from "../usecases/locks.ts";

export const ordersGroup = "coupon.orders";

const givesBack: Partial<Record<orderv1.OrderStatus, string>> = {
  [orderv1.OrderStatus.CANCELLED]: "order cancelled",
  [orderv1.OrderStatus.FAILED]: "order failed",
};

export async function subscribeToEvents(bus: Bus, d: Deps): Promise<void> {
  const follow = idempotentHandler(d.db, ordersGroup, async (delivery, tx) => {
    const e = decodeEvent(events.orderStatusChanged.schema, delivery);
    if (e.to === orderv1.OrderStatus.PAID) await useIn(tx, e.orderId, d.logger);
    const reason = givesBack[e.to];
    // An order that named a coupon is recorded as released even without a lock (one may be in
    // flight); one that named none only loses a lock it somehow has.
    if (reason) await releaseIn(tx, e.orderId, e.reason || reason, e.userCouponId !== "");
  });
  await subscribeEvents(bus, ordersGroup, [{ event: events.orderStatusChanged, handle: follow }]);
}
