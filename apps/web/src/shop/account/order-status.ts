// An order's status as the shopper reads it, and what they may do in it (the order service's rules).
import { OrderStatus } from "@shop/contracts/shop/order/v1/order_pb.ts";
import type { TextKey } from "../../i18n/texts.ts";

export const statusKey: Record<OrderStatus, TextKey> = {
  [OrderStatus.UNSPECIFIED]: "order.status.unknown",
  [OrderStatus.PENDING]: "order.status.pending",
  [OrderStatus.AWAITING_PAYMENT]: "order.status.awaitingPayment",
  [OrderStatus.PAID]: "order.status.paid",
  [OrderStatus.SHIPPED]: "order.status.shipped",
  [OrderStatus.COMPLETED]: "order.status.completed",
  [OrderStatus.CANCELLED]: "order.status.cancelled",
  [OrderStatus.FAILED]: "order.status.failed",
};

/** Still moving on its own (the saga, the payment's webhook): worth asking again soon. */
export const settling = (s: OrderStatus) => s === OrderStatus.PENDING || s === OrderStatus.AWAITING_PAYMENT;
