// What the cart service does with events: "cart.ordered-lines" (one group shared by the instances)
// removes the ordered SKUs from the shopper's cart once an order awaits payment, so they are not
// bought twice (not for a flash-sale order: its SKU never came from the cart). Through the inbox:
// each message is applied once (the removal lives in the store, so a redelivery after a lost
// commit would only remove the same lines again).
import { events, orderv1 } from "@shop/contracts";
import type { Db } from "@shop/kit/db";
import { subscribeEvents } from "@shop/kit/bus/events";
import { decodeEvent, idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus } from "@shop/kit/bus/port";
import { userCart, type CartStore } from "../store/port.ts";

export const orderedLinesGroup = "cart.ordered-lines";

export async function subscribeToEvents(bus: Bus, db: Db, store: CartStore): Promise<void> {
  const removeOrdered = idempotentHandler(db, orderedLinesGroup, async (delivery) => {
    const e = decodeEvent(events.orderStatusChanged.schema, delivery);
    if (e.to !== orderv1.OrderStatus.AWAITING_PAYMENT || !e.items.length || e.flashSaleId) return;
    await store.remove(
      userCart(e.userId),
      e.items.map((i) => i.skuId),
    );
  });
  await subscribeEvents(bus, orderedLinesGroup, [{ event: events.orderStatusChanged, handle: removeOrdered }]);
}
