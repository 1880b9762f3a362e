// AdjustStock: a delivery (+) or a write-off (-). One atomic update, so concurrent adjustments
// queue on the row lock and the database's constraints refuse whichever would oversell.
import { addOnHand, type StockRow } from "../repo/stock.ts";
import type { ChangeCause, Deps } from "./deps.ts";
import { recordChange } from "./record-change.ts";
import { asStockError } from "./stock-conflict.ts";
import { transaction } from "@shop/kit/transaction";

export async function adjustStock(d: Deps, skuId: string, delta: number, cause: ChangeCause): Promise<StockRow> {
  try {
    return await transaction(d.db, async (tx) => {
      const row = await addOnHand(tx, skuId, delta);
      await recordChange(tx, row, { onHand: delta, reserved: 0 }, cause);
      return row;
    });
  } catch (err) {
    throw await asStockError(d, err, skuId);
  }
}
