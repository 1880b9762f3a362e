// Reserving, selling and releasing all change the stock rows of a reservation's lines: one UPDATE
// per line in sku_id order (the one lock order of every writer, so none deadlock), each recorded
// as a movement with a StockChanged event.
import { outOfStock } from "../domain/errors.ts";
import type { Line } from "../domain/reservation.ts";
import { changeLevels } from "../repo/stock.ts";
import type { Tx } from "@shop/kit/db";
import type { ChangeCause } from "./deps.ts";
import { recordChange } from "./record-change.ts";

/**
 * `lines` (of `orderId`'s reservation) must be in sku_id order; the movements' reason names the
 * order. `visit` learns each SKU before its update (to name the one refused).
 */
export async function moveLines(
  tx: Tx,
  orderId: string,
  lines: readonly Line[],
  deltaOf: (quantity: number) => { onHand: number; reserved: number },
  cause: ChangeCause,
  visit?: (skuId: string) => void,
): Promise<void> {
  for (const line of lines) {
    visit?.(line.skuId);
    const delta = deltaOf(line.quantity);
    const row = await changeLevels(tx, line.skuId, delta);
    // No row: nothing was ever in stock (a reserved line always has one).
    if (!row) throw outOfStock(line.skuId, 0);
    await recordChange(tx, row, delta, { actor: cause.actor, reason: `${cause.reason} (order ${orderId})` });
  }
}
