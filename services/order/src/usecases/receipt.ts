// The automatic receipt confirmation: when the carrier reports a SHIPPED order delivered, the
// delivery is recorded in the order's history and OrderReceiptDue is delayed by the auto-confirm
// period; when it arrives the order completes (actor system:auto-confirm) unless the shopper
// confirmed sooner, in which case nothing happens. Both run in the consumer's inbox transaction,
// under the order's row lock, so a confirmation racing the timer ends one way.
import type { Tx } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import { publishReceiptDue } from "../events/publish.ts";
import { recordHistory } from "../repo/history.ts";
import { lockOrder } from "../repo/orders.ts";
import { applyTransition } from "./transition.ts";

export interface Delivery {
  orderId: string;
  carrier: string;
  trackingNumber: string;
}

export async function orderDelivered(tx: Tx, d: { autoConfirmSeconds: number; logger: Logger }, e: Delivery): Promise<void> {
  const order = await lockOrder(tx, e.orderId);
  if (!order) return d.logger.warn({ orderId: e.orderId }, "delivery of an unknown order: ignored");
  if (order.status !== "SHIPPED") return; // confirmed already: nothing left to confirm
  await recordHistory(tx, order.id, order.status, order.status, { actor: "system:logistics", reason: `delivered by ${e.carrier} (${e.trackingNumber})` });
  await publishReceiptDue(tx, order.id, d.autoConfirmSeconds);
}

export async function confirmIfStillShipped(tx: Tx, orderId: string, autoConfirmSeconds: number): Promise<void> {
  const order = await lockOrder(tx, orderId);
  if (order?.status !== "SHIPPED") return;
  const days = Math.round((autoConfirmSeconds / 86_400) * 100) / 100;
  const reason = `receipt confirmed automatically ${days} day(s) after delivery`;
  await applyTransition(tx, order, "COMPLETED", { actor: "system:auto-confirm", reason }, { completedAt: new Date() });
}
