// A sale's status, derived from its window and whether it was ended; and the checks of a new sale.
import { priceNotBelowRegular, windowEndsBeforeStart, windowEndsInPast, windowTooFar } from "./errors.ts";

export type SaleStatus = "SCHEDULED" | "ACTIVE" | "ENDED";

export interface SaleWindow {
  startsAt: Date;
  endsAt: Date;
  endedAt: Date | null;
}

export function saleStatus(w: SaleWindow, now: number): SaleStatus {
  if (w.endedAt || now >= w.endsAt.getTime()) return "ENDED";
  return now < w.startsAt.getTime() ? "SCHEDULED" : "ACTIVE";
}

/** How far ahead a sale may end: its units are held until a day after, and the inventory holds a reservation 30 days at most. */
export const maxDaysAhead = 28;

export function checkNewSale(input: { salePriceMinor: number; regularPriceMinor: number; startsAt: Date; endsAt: Date }, now: number): void {
  if (input.endsAt.getTime() <= input.startsAt.getTime()) throw windowEndsBeforeStart();
  if (input.endsAt.getTime() <= now) throw windowEndsInPast();
  if (input.endsAt.getTime() - now > maxDaysAhead * 86_400_000) throw windowTooFar(maxDaysAhead);
  if (input.salePriceMinor >= input.regularPriceMinor) throw priceNotBelowRegular(input.regularPriceMinor);
}
