// The status changes people ask for: the shopper cancels an unpaid order or confirms receipt, an
// admin ships or refunds. Each is one transaction through `transition`; a retry of a change already
// made returns the order as it is.
import { transaction } from "@shop/kit/transaction";
import { illegalTransition } from "../domain/errors.ts";
import { publishRefundRequested } from "../events/publish.ts";
import type { Deps } from "./deps.ts";
import { viewOf, type OrderView } from "./read.ts";
import { applyTransition, lockOwnOrder, transition } from "./transition.ts";

/** Only while unpaid: a paid order is refunded by an admin (RefundOrder). The stock goes back on the event. */
export function cancelMyOrder(d: Deps, userId: string, orderId: string, reason: string): Promise<OrderView> {
  return transaction(d.db, async (tx) => {
    const order = await lockOwnOrder(tx, orderId, userId);
    if (order.status === "CANCELLED") return viewOf(tx, order, true);
    if (order.status !== "AWAITING_PAYMENT") throw illegalTransition(order.status, "CANCELLED");
    const cancelReason = reason || "cancelled by the shopper";
    const updated = await applyTransition(tx, order, "CANCELLED", { actor: userId, reason: cancelReason }, { cancelledAt: new Date(), cancelReason });
    return viewOf(tx, updated, true);
  });
}

export function confirmReceipt(d: Deps, userId: string, orderId: string): Promise<OrderView> {
  return transaction(d.db, async (tx) => {
    const updated = await transition(
      tx,
      orderId,
      "COMPLETED",
      { actor: userId, reason: "receipt confirmed" },
      { userId, idempotent: true, patch: () => ({ completedAt: new Date() }) },
    );
    return viewOf(tx, updated, true);
  });
}

export function shipOrder(d: Deps, adminId: string, orderId: string, carrier: string, trackingNumber: string): Promise<OrderView> {
  return transaction(d.db, async (tx) => {
    const reason = `shipped with ${carrier} (${trackingNumber})`;
    const updated = await transition(
      tx,
      orderId,
      "SHIPPED",
      { actor: adminId, reason },
      { idempotent: true, patch: () => ({ carrier, trackingNumber, shippedAt: new Date() }) },
    );
    return viewOf(tx, updated, true);
  });
}

/** PAID → CANCELLED before shipping, and the payment service is asked to refund the payment in full. */
export function refundOrder(d: Deps, adminId: string, orderId: string, reason: string): Promise<OrderView> {
  return transaction(d.db, async (tx) => {
    const order = await lockOwnOrder(tx, orderId);
    if (order.status === "CANCELLED" && order.refundStatus !== "NONE") return viewOf(tx, order, true);
    if (order.status !== "PAID") throw illegalTransition(order.status, "CANCELLED");
    const updated = await applyTransition(
      tx,
      order,
      "CANCELLED",
      { actor: adminId, reason },
      { cancelledAt: new Date(), cancelReason: reason, refundStatus: "PENDING" },
    );
    await publishRefundRequested(tx, orderId, order.paymentId!, reason);
    return viewOf(tx, updated, true);
  });
}
