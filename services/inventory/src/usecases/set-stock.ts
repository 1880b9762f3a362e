// SetStock: a stock take sets on hand to what was counted. The row is locked so the recorded
// delta is exact; setting the count it already has changes and records nothing (a retried call).
import { checkSet } from "../domain/stock.ts";
import { lockStock, setOnHand, type StockRow } from "../repo/stock.ts";
import type { ChangeCause, Deps } from "./deps.ts";
import { recordChange } from "./record-change.ts";
import { asStockError } from "./stock-conflict.ts";
import { transaction } from "@shop/kit/transaction";

export async function setStock(d: Deps, skuId: string, onHand: number, cause: ChangeCause): Promise<StockRow> {
  try {
    return await transaction(d.db, async (tx) => {
      const current = await lockStock(tx, skuId);
      checkSet(skuId, current, onHand);
      if (onHand === current.onHand) return current;
      const row = await setOnHand(tx, skuId, onHand);
      await recordChange(tx, row, { onHand: onHand - current.onHand, reserved: 0 }, cause);
      return row;
    });
  } catch (err) {
    throw await asStockError(d, err, skuId);
  }
}
