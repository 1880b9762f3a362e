// The order service's events, written to the outbox in the transaction of the change they announce.
import { create } from "@bufbuild/protobuf";
import { events, orderv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import type { Tx } from "@shop/kit/db";
import type { PricedLine } from "../domain/pricing.ts";
import type { Cause, Status } from "../domain/status.ts";
import type { OrderRow } from "../repo/orders.ts";

export async function publishStatusChanged(tx: Tx, order: OrderRow, from: Status, lines: PricedLine[], cause: Cause): Promise<void> {
  const message = create(orderv1.OrderStatusChangedSchema, {
    orderId: order.id,
    number: order.number,
    userId: order.userId,
    from: orderv1.OrderStatus[from],
    to: orderv1.OrderStatus[order.status],
    actor: cause.actor,
    reason: cause.reason,
    items: lines.map((l) => ({ skuId: l.skuId, productId: l.productId, quantity: l.quantity })),
    flashSaleId: order.flashSaleId ?? "",
    userCouponId: order.userCouponId ?? "",
    ...(order.status === "SHIPPED" ? { carrier: order.carrier ?? "", trackingNumber: order.trackingNumber ?? "" } : {}),
  });
  await enqueue(tx, events.orderStatusChanged, message);
}

/** Delivered when the payment timeout has passed: the order cancels itself if still unpaid. */
export async function publishPaymentDue(tx: Tx, orderId: string, delaySeconds: number): Promise<void> {
  await enqueue(tx, events.orderPaymentDue, create(orderv1.OrderPaymentDueSchema, { orderId }), { delaySeconds });
}

/** Delivered when the auto-confirm period after delivery has passed: the order completes if still SHIPPED. */
export async function publishReceiptDue(tx: Tx, orderId: string, delaySeconds: number): Promise<void> {
  await enqueue(tx, events.orderReceiptDue, create(orderv1.OrderReceiptDueSchema, { orderId }), { delaySeconds });
}

/** The payment service refunds `paymentId` in full. */
export async function publishRefundRequested(tx: Tx, orderId: string, paymentId: string, reason: string): Promise<void> {
  await enqueue(tx, events.orderRefundRequested, create(orderv1.OrderRefundRequestedSchema, { orderId, paymentId, reason }));
}
