// StockChanged: written to the outbox in the transaction of the change, so the event exists
// exactly when the change does; the kit's relay publishes it. Caches of availability (the product
// service's) drop their entry for the SKU when it arrives.
import { create } from "@bufbuild/protobuf";
import { events, inventoryv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import type { Tx } from "@shop/kit/db";
import { available } from "../domain/stock.ts";
import type { StockRow } from "../repo/stock.ts";

export async function publishStockChanged(tx: Tx, row: StockRow): Promise<void> {
  const message = create(inventoryv1.StockChangedSchema, { skuId: row.skuId, onHand: row.onHand, reserved: row.reserved, available: available(row) });
  await enqueue(tx, events.stockChanged, message);
}
