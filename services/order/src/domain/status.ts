// The order's state machine as data: the one table of allowed transitions. Every change goes
// through `checkTransition`; anything not listed is ILLEGAL_TRANSITION, never a silent change.
import { illegalTransition } from "./errors.ts";

export const statuses = ["PENDING", "AWAITING_PAYMENT", "PAID", "SHIPPED", "COMPLETED", "CANCELLED", "FAILED"] as const;
export type Status = (typeof statuses)[number];

export const transitions: Readonly<Record<Status, readonly Status[]>> = {
  // The checkout saga: stock reserved and the coupon locked, or compensated.
  PENDING: ["AWAITING_PAYMENT", "FAILED"],
  // Paid; or cancelled by the shopper, the payment timeout or a reservation lost.
  AWAITING_PAYMENT: ["PAID", "CANCELLED"],
  // Shipped; or cancelled with a full refund (an admin, or the stock was gone when paid).
  PAID: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["COMPLETED"],
  COMPLETED: [],
  CANCELLED: [],
  FAILED: [],
};

export const canTransition = (from: Status, to: Status): boolean => transitions[from].includes(to);

export function checkTransition(from: Status, to: Status): void {
  if (!canTransition(from, to)) throw illegalTransition(from, to);
}

/** Not orders yet (a checkout running, or one that failed): hidden from the shopper's list unless asked for. */
export const hiddenFromShopper: readonly Status[] = ["PENDING", "FAILED"];

export const isStatus = (s: string): s is Status => (statuses as readonly string[]).includes(s);

export type RefundStatus = "NONE" | "PENDING" | "REFUNDED";

/** Who made a change: a user id or "system:<what>", and why. */
export interface Cause {
  actor: string;
  reason: string;
}
