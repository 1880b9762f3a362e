// A reservation's life: held (open) until the order is paid (committed) or cancelled or expired
// (released); a committed one goes back on hand (restocked) when the order is cancelled before
// shipping. The allowed moves are data; the use cases ask here before changing a status.
import { duplicateSku } from "./errors.ts";

export type ReservationStatus = "open" | "committed" | "released" | "restocked";

const transitions: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  open: ["committed", "released"],
  committed: ["restocked"],
  released: [],
  restocked: [],
};

export const canMove = (from: ReservationStatus, to: ReservationStatus) => transitions[from].includes(to);

export interface Line {
  skuId: string;
  quantity: number;
}

/**
 * The lines in sku_id order: every writer locks stock rows in this one order, so two reservations
 * sharing SKUs queue instead of deadlocking. A SKU named twice is refused (INVALID_ARGUMENT).
 */
export function sortedLines(lines: readonly Line[]): Line[] {
  const seen = new Map<string, number>();
  lines.forEach((l, i) => {
    const first = seen.get(l.skuId);
    if (first !== undefined) throw duplicateSku(l.skuId, first, i);
    seen.set(l.skuId, i);
  });
  return [...lines].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
}
