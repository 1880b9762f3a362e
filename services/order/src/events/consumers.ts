// What the order service does with events:
// - "order.payments" (inbox: each message applied once, in the transaction of its change): the
//   payment service's outcomes, and the order's own payment timeout (OrderPaymentDue).
// - "order.stock": the order's own status changes, for its reservation (PAID commits, CANCELLED
//   gives the stock back: released if held, back on hand if committed). The calls are idempotent,
//   so no inbox; a failure throws and the bus retries.
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { events, orderv1, type EventType } from "@shop/contracts";
import { on, subscribeEvents, type EventHandler } from "@shop/kit/bus/events";
import { decodeEvent, idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus, Subscription } from "@shop/kit/bus/port";
import type { Tx } from "@shop/kit/db";
import type { Deps } from "../usecases/deps.ts";
import { cancelIfUnpaid, paymentFailed, paymentRefunded, paymentSucceeded } from "../usecases/payments.ts";
import { commitStock, giveBackStock } from "../usecases/stock.ts";

const paymentsGroup = "order.payments";
const stockGroup = "order.stock";

/** Like `on`, with the inbox: `apply` runs once per message, in the transaction that records it. */
function once<Desc extends DescMessage>(d: Deps, event: EventType<Desc>, apply: (message: MessageShape<Desc>, tx: Tx) => Promise<void>): EventHandler {
  return { event, handle: idempotentHandler(d.db, paymentsGroup, (delivery, tx) => apply(decodeEvent(event.schema, delivery), tx)) };
}

export async function subscribeToEvents(bus: Bus, d: Deps): Promise<Subscription[]> {
  const payments = await subscribeEvents(bus, paymentsGroup, [
    once(d, events.paymentSucceeded, (e, tx) =>
      paymentSucceeded(tx, { paymentId: e.paymentId, orderId: e.orderId, amountMinor: Number(e.amountMinor), currency: e.currency }, d.logger),
    ),
    once(d, events.paymentFailed, (e, tx) => paymentFailed(tx, e.orderId, e.paymentId, e.reason)),
    once(d, events.paymentRefunded, (e, tx) => paymentRefunded(tx, e.orderId, e.paymentId)),
    once(d, events.orderPaymentDue, (e, tx) => cancelIfUnpaid(tx, e.orderId)),
  ]);
  const stock = await subscribeEvents(bus, stockGroup, [
    on(events.orderStatusChanged, async (e) => {
      if (e.to === orderv1.OrderStatus.PAID) await commitStock(d, e.orderId);
      if (e.to === orderv1.OrderStatus.CANCELLED) await giveBackStock(d, e.orderId, e.reason || "order cancelled");
    }),
  ]);
  return [payments, stock];
}
