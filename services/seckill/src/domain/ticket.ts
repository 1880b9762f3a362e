// A ticket's state machine as data: the one table of allowed transitions. A ticket is made QUEUED
// when its attempt wins; the order service's events move it on. Only an order cancelled before it
// was paid (or one that failed) gives its unit back to the sale: a paid order's unit was committed,
// and its cancellation puts it back on the SKU's stock, not into the sale.
export const ticketStatuses = ["QUEUED", "ORDERED", "PAID", "CANCELLED", "FAILED"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const transitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  QUEUED: ["ORDERED", "FAILED"],
  ORDERED: ["PAID", "CANCELLED"],
  // A paid order cancelled with a refund (by an admin).
  PAID: ["CANCELLED"],
  CANCELLED: [],
  FAILED: [],
};

export const canTransition = (from: TicketStatus, to: TicketStatus): boolean => transitions[from].includes(to);

/** Whether moving from `from` to `to` gives the ticket's unit back to the sale. */
export const givesUnitBack = (from: TicketStatus, to: TicketStatus): boolean => (to === "CANCELLED" && from === "ORDERED") || to === "FAILED";

/** Who made a change: a service ("seckill", "order") or an admin's user id, and why. */
export interface Cause {
  actor: string;
  reason: string;
}
