// A CHECK constraint of the stock table refused a change: an expected outcome, never a 500. This is
// what decides between concurrent writers, so it is the normal way an oversell is refused.
import { insufficientStock, stockLimitExceeded } from "../domain/errors.ts";
import { maxOnHand } from "../domain/stock.ts";
import { checkViolation } from "../repo/db.ts";
import { availableOf } from "../repo/stock.ts";
import type { Deps } from "./deps.ts";

export async function asStockError(d: Deps, err: unknown, skuId: string): Promise<unknown> {
  const constraint = checkViolation(err);
  if (constraint === undefined) return err;
  if (constraint === "stock_on_hand_max") return stockLimitExceeded(skuId, maxOnHand);
  // The transaction is gone; what is available now is for the message, not a promise.
  const available = (await availableOf(d.db, [skuId])).get(skuId) ?? 0;
  return insufficientStock(skuId, available);
}
