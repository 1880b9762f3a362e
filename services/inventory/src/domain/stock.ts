// Stock levels and the rules of changing them. The same rules are CHECK constraints in the
// database (migrations/0001_init.sql), which is what holds under concurrent writers.
import { insufficientStock, stockLimitExceeded } from "./errors.ts";

/** The schema's stock_on_hand_max: inside int32, so every count fits the API. */
export const maxOnHand = 1_000_000_000;

export interface Level {
  onHand: number;
  reserved: number;
}

export const available = (l: Level) => l.onHand - l.reserved;

/** A stock take: on hand becomes `onHand`; never below what is reserved. */
export function checkSet(skuId: string, current: Level, onHand: number): void {
  if (onHand > maxOnHand) throw stockLimitExceeded(skuId, maxOnHand);
  if (onHand < current.reserved) throw insufficientStock(skuId, available(current));
}
