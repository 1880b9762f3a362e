// What the order's own status changes mean for its stock (consumer of order.status_changed):
// PAID commits the reservation, CANCELLED gives it back. Both calls are idempotent, so a redelivery
// needs no inbox; a failure (inventory unreachable) throws and the bus retries. A reservation
// found released when the order is paid means the stock is gone: the order is cancelled and the
// payment refunded.
import { AppError } from "@shop/kit/errors";
import { transaction } from "@shop/kit/transaction";
import { publishRefundRequested } from "../events/publish.ts";
import { lockOrder } from "../repo/orders.ts";
import type { Deps } from "./deps.ts";
import { applyTransition } from "./transition.ts";

export async function commitStock(d: Deps, orderId: string): Promise<void> {
  try {
    await d.reservations.commit(orderId);
  } catch (err) {
    if (!(err instanceof AppError && err.reason === "RESERVATION_RELEASED")) throw err;
    await cancelForLostStock(d, orderId);
  }
}

/**
 * Always RestockReservation, whatever the order was before: it releases an open hold, puts
 * committed stock back on hand and leaves a released one alone, so no branch on the event's `from`
 * is needed (which could not tell anyway whether the PAID's commit, retried on its own, went
 * through yet). Committed stock is rightly put back: only unpaid and paid orders can be cancelled,
 * so the goods never shipped.
 */
export async function giveBackStock(d: Deps, orderId: string, reason: string): Promise<void> {
  await d.reservations.restock(orderId, reason.slice(0, 200));
}

async function cancelForLostStock(d: Deps, orderId: string): Promise<void> {
  await transaction(d.db, async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order?.status !== "PAID") return;
    const reason = "the stock held for the order was released before the payment arrived";
    d.logger.warn({ orderId }, reason);
    await applyTransition(
      tx,
      order,
      "CANCELLED",
      { actor: "system:inventory", reason },
      { cancelledAt: new Date(), cancelReason: reason, refundStatus: "PENDING" },
    );
    await publishRefundRequested(tx, orderId, order.paymentId!, reason);
  });
}
