// A CHECK constraint of the stock table refused a change: an expected outcome, never a 500. This is
// what decides between concurrent writers, so it is the normal way an oversell is refused.
import { asDomainError } from "@shop/kit/db-errors";
import { insufficientStock, stockLimitExceeded } from "../domain/errors.ts";
import { maxOnHand } from "../domain/stock.ts";
import { availableOf, stockConstraints } from "../repo/stock.ts";
import type { Deps } from "./deps.ts";

/** The error to throw for `err`; the caller awaits it (an oversell looks up what is available). */
export function asStockError(d: Deps, err: unknown, skuId: string): unknown {
  // The transaction is gone; what is available now is for the message, not a promise.
  const insufficient = async () => insufficientStock(skuId, (await availableOf(d.db, [skuId])).get(skuId) ?? 0);
  return asDomainError(err, {
    [stockConstraints.onHandMax]: () => stockLimitExceeded(skuId, maxOnHand),
    [stockConstraints.onHandNonNegative]: insufficient,
    [stockConstraints.reservedNonNegative]: insufficient,
    [stockConstraints.availableNonNegative]: insufficient,
  });
}
