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

/**
 * The steps from `from` to `to` through the table, shortest first, passing through `via` when it is
 * on a way (the status the order came from): events of one order may arrive out of order, and a
 * ticket still QUEUED when its order's PAID arrives was ORDERED in between. Empty when `to` cannot
 * be reached (a late event about a state already left behind).
 */
export function stepsTo(from: TicketStatus, to: TicketStatus, via?: TicketStatus): [TicketStatus, TicketStatus][] {
  if (via && via !== from && via !== to) {
    const [first, second] = [stepsTo(from, via), stepsTo(via, to)];
    if (first.length && second.length) return [...first, ...second];
  }
  const seen = new Map<TicketStatus, TicketStatus>([[from, from]]);
  const queue: TicketStatus[] = [from];
  while (queue.length) {
    const at = queue.shift()!;
    for (const next of transitions[at]) {
      if (seen.has(next)) continue;
      seen.set(next, at);
      queue.push(next);
    }
  }
  if (from === to || !seen.has(to)) return [];
  const steps: [TicketStatus, TicketStatus][] = [];
  for (let at = to; at !== from; at = seen.get(at)!) steps.unshift([seen.get(at)!, at]);
  return steps;
}

/** Who made a change: a service ("seckill", "order") or an admin's user id, and why. */
export interface Cause {
  actor: string;
  reason: string;
}
