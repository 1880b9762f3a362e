// What the order service does with events:
// - "order.payments" (inbox: each message applied once, in the transaction of its change): the
//   payment service's outcomes, and the order's own payment timeout (OrderPaymentDue).
// - "order.stock": the order's own status changes, for its reservation (PAID commits, CANCELLED
//   gives the stock back: released if held, back on hand if committed). The calls are idempotent,
//   so no inbox; a failure throws and the bus retries.
// - "order.coupons": the order's own CANCELLED and FAILED, for its coupon (ReleaseCoupon,
//   idempotent, so no inbox; the saga's compensation also calls it at once).
// - "order.flash_sales": won flash-sale attempts become orders (usecases/flash-sale.ts); the order
//   id is the ticket id, inserted once, so a redelivery creates nothing more.
// - "order.receipts" (inbox): the logistics service's deliveries start the automatic receipt
//   confirmation, and the order's own OrderReceiptDue completes it (usecases/receipt.ts).
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { events, orderv1, type EventType } from "@shop/contracts";
import { on, subscribeEvents, type EventHandler } from "@shop/kit/bus/events";
import { decodeEvent, idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus, Subscription } from "@shop/kit/bus/port";
import type { Tx } from "@shop/kit/db";
import type { Deps } from "../usecases/deps.ts";
import { cancelIfUnpaid, paymentFailed, paymentRefunded, paymentSucceeded } from "../usecases/payments.ts";
import { orderFromWonAttempt } from "../usecases/flash-sale.ts";
import { confirmIfStillShipped, orderDelivered } from "../usecases/receipt.ts";
import { commitStock, giveBackStock } from "../usecases/stock.ts";

const paymentsGroup = "order.payments";
const stockGroup = "order.stock";
const couponsGroup = "order.coupons";
const flashSalesGroup = "order.flash_sales";
const receiptsGroup = "order.receipts";
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Like `on`, with the inbox: `apply` runs once per message, in the transaction that records it. */
function once<Desc extends DescMessage>(
  d: Deps,
  event: EventType<Desc>,
  apply: (message: MessageShape<Desc>, tx: Tx) => Promise<void>,
  group = paymentsGroup,
): EventHandler {
  return { event, handle: idempotentHandler(d.db, group, (delivery, tx) => apply(decodeEvent(event.schema, delivery), tx)) };
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
  const coupons = await subscribeEvents(bus, couponsGroup, [
    on(events.orderStatusChanged, async (e) => {
      const ended = e.to === orderv1.OrderStatus.CANCELLED || e.to === orderv1.OrderStatus.FAILED;
      if (ended && e.userCouponId) await d.coupons.release(e.orderId, e.reason || "order ended unpaid");
    }),
  ]);
  const flashSales = await subscribeEvents(bus, flashSalesGroup, [
    on(events.flashSaleAttemptWon, async (e) => {
      // Ids go into uuid columns, the price into a line: such an event could never apply. Dropped.
      if (![e.ticketId, e.saleId, e.userId, e.skuId, e.addressId].every((id) => uuid.test(id)) || e.salePriceMinor < 0n) {
        return d.logger.error({ ticketId: e.ticketId, saleId: e.saleId }, "a won flash-sale attempt with malformed ids or price: dropped");
      }
      await orderFromWonAttempt(d, { ...e, salePriceMinor: Number(e.salePriceMinor) });
    }),
  ]);
  const receipts = await subscribeEvents(bus, receiptsGroup, [
    once(d, events.shipmentDelivered, (e, tx) => (uuid.test(e.orderId) ? orderDelivered(tx, d, e) : Promise.resolve()), receiptsGroup),
    once(d, events.orderReceiptDue, (e, tx) => confirmIfStillShipped(tx, e.orderId, d.autoConfirmSeconds), receiptsGroup),
  ]);
  return [payments, stock, coupons, flashSales, receipts];
}
