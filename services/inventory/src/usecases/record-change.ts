// Every committed change of a stock row leaves, in the same transaction, a movement (the audit
// record) and a StockChanged event in the outbox (for caches and, later, other services).
import { v7 } from "uuid";
import { publishStockChanged } from "../events/stock-changed.ts";
import type { Tx } from "@shop/kit/db";
import { insertMovement } from "../repo/movements.ts";
import type { StockRow } from "../repo/stock.ts";
import type { ChangeCause } from "./deps.ts";

export async function recordChange(tx: Tx, row: StockRow, delta: { onHand: number; reserved: number }, cause: ChangeCause): Promise<void> {
  await insertMovement(tx, { id: v7(), skuId: row.skuId, onHandDelta: delta.onHand, reservedDelta: delta.reserved, reason: cause.reason, actor: cause.actor });
  await publishStockChanged(tx, row);
}
