// The one way an order changes status: under the order's row lock, checked against the transitions
// table, recorded in the history and announced (OrderStatusChanged with the items) in the same
// transaction. Callers add what the change sets (paid_at, the shipment, …) and their own events.
import type { Tx } from "@shop/kit/db";
import { orderNotFound } from "../domain/errors.ts";
import { checkTransition, type Cause, type Status } from "../domain/status.ts";
import { publishStatusChanged } from "../events/publish.ts";
import { recordHistory } from "../repo/history.ts";
import { linesOf } from "../repo/lines.ts";
import { lockOrder, updateOrder, type OrderPatch, type OrderRow } from "../repo/orders.ts";

export interface TransitionOptions {
  /** The caller must own the order (another user's is NOT_FOUND). */
  userId?: string;
  /** What else the change sets on the order. */
  patch?: (order: OrderRow) => OrderPatch;
  /** Already in `to`: return it unchanged (a retried idempotent call) instead of ILLEGAL_TRANSITION. */
  idempotent?: boolean;
}

/** Locks the order, or NOT_FOUND (also for another user's order when `userId` is given). */
export async function lockOwnOrder(tx: Tx, orderId: string, userId?: string): Promise<OrderRow> {
  const order = await lockOrder(tx, orderId);
  if (!order || (userId && order.userId !== userId)) throw orderNotFound();
  return order;
}

export async function transition(tx: Tx, orderId: string, to: Status, cause: Cause, opts: TransitionOptions = {}): Promise<OrderRow> {
  const order = await lockOwnOrder(tx, orderId, opts.userId);
  if (opts.idempotent && order.status === to) return order;
  return applyTransition(tx, order, to, cause, opts.patch?.(order) ?? {});
}

/** The change itself, on an order the caller has locked. */
export async function applyTransition(tx: Tx, order: OrderRow, to: Status, cause: Cause, patch: OrderPatch = {}): Promise<OrderRow> {
  checkTransition(order.status, to);
  const updated = await updateOrder(tx, order.id, { ...patch, status: to });
  await recordHistory(tx, order.id, order.status, to, cause);
  await publishStatusChanged(tx, updated, order.status, await linesOf(tx, order.id), cause);
  return updated;
}
