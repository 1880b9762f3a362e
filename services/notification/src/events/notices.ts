// Which events become which messages: each returns the notice for the shopper, or undefined when
// the event tells them nothing (an order status nobody is told about).
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { orderv1, type couponv1, type logisticsv1, type paymentv1, type seckillv1 } from "@shop/contracts";
import { formatMoney, formatTime, type NotificationType } from "../domain/messages.ts";
import type { OrderOwner } from "../repo/orders.ts";
import type { Notice } from "../usecases/notify.ts";

/** The actor of the order service's cancellation of an order not paid in time. */
export const paymentTimeoutActor = "system:payment-timeout";

const time = (t: Timestamp | undefined) => (t ? formatTime(timestampDate(t)) : "");

export function fromOrderStatus(e: orderv1.OrderStatusChanged): Notice | undefined {
  let type: NotificationType | undefined;
  if (e.to === orderv1.OrderStatus.PAID) type = "ORDER_PAID";
  else if (e.to === orderv1.OrderStatus.SHIPPED) type = "ORDER_SHIPPED";
  else if (e.to === orderv1.OrderStatus.CANCELLED && e.actor === paymentTimeoutActor) type = "ORDER_PAYMENT_TIMEOUT";
  if (!type) return undefined;
  return { userId: e.userId, type, subjectId: e.orderId, facts: { name: e.number || e.orderId, detail: "" } };
}

export function fromRefund(e: paymentv1.PaymentRefunded, owner: OrderOwner): Notice {
  return { userId: owner.userId, type: "ORDER_REFUNDED", subjectId: e.orderId, facts: { name: owner.number, detail: formatMoney(e.amountMinor, e.currency) } };
}

export function fromDelivered(e: logisticsv1.ShipmentDelivered, number: string): Notice {
  const carrier = [e.carrier, e.trackingNumber].filter(Boolean).join(" ");
  return { userId: e.userId, type: "ORDER_DELIVERED", subjectId: e.orderId, facts: { name: number, detail: carrier } };
}

export function fromCouponExpiring(e: couponv1.CouponExpiring): Notice {
  return { userId: e.userId, type: "COUPON_EXPIRING", subjectId: e.userCouponId, facts: { name: e.name, detail: time(e.validUntil) } };
}

export function fromSaleStarting(e: seckillv1.FlashSaleStarting): Notice {
  return { userId: e.userId, type: "FLASH_SALE_STARTING", subjectId: e.saleId, facts: { name: e.title, detail: time(e.startsAt) } };
}
