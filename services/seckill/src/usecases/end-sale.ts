// Ending a sale, by an admin (EndFlashSale: now, or before it starts) or by the sweeper (at its
// end): the gate closes, then its unsold units go back to the SKU's stock (the inventory releases
// the sale's reservation). The release waits until every won ticket became an order (each order
// takes its unit from the reservation; a late one would find it gone) or a grace period passed.
// Each sale in a transaction of its own, its row locked (the sweeper skips one another instance
// holds); a failed release rolls back and the next sweep tries again.
import type { Tx } from "@shop/kit/db";
import { transaction } from "@shop/kit/transaction";
import { saleNotFound } from "../domain/errors.ts";
import { findSale, markEnded, markReleased, unreleasedEnded, type SaleRow } from "../repo/sales.ts";
import { hasQueued } from "../repo/tickets.ts";
import type { Deps } from "./deps.ts";

export async function endFlashSale(d: Deps, saleId: string, adminId: string): Promise<SaleRow> {
  const sale = await transaction(d.db, async (tx) => {
    const row = await findSale(tx, saleId, "wait");
    if (!row) throw saleNotFound(saleId);
    return endLocked(d, tx, row, `ended by ${adminId}`);
  });
  d.views.forget(saleId);
  return sale;
}

async function endLocked(d: Deps, tx: Tx, row: SaleRow, reason: string): Promise<SaleRow> {
  let sale = row;
  if (!sale.endedAt) {
    sale = await markEnded(tx, sale.id, reason);
    await d.gate.end(sale.id);
  }
  if (!sale.releasedAt && (await releasable(d, tx, sale))) {
    await d.reservations.release(sale.id, "flash sale ended: unsold units go back");
    await markReleased(tx, sale.id);
    sale = { ...sale, releasedAt: new Date() };
  }
  return sale;
}

async function releasable(d: Deps, tx: Tx, sale: SaleRow): Promise<boolean> {
  if (sale.endedAt!.getTime() + d.releaseGraceSeconds * 1000 <= Date.now()) return true;
  return (await d.queueDepth()) === 0 && !(await hasQueued(tx, sale.id));
}

/** The sweeper's round: sales past their end are ended, ended ones given back when they may be. */
export async function sweepEndedSales(d: Deps, batchSize = 100): Promise<number> {
  let done = 0;
  for (const id of await unreleasedEnded(d.db, batchSize)) {
    const changed = await transaction(d.db, async (tx) => {
      const row = await findSale(tx, id, "skip");
      if (!row || row.releasedAt) return false;
      const after = await endLocked(d, tx, row, "the sale's time is up");
      return after !== row;
    });
    if (changed) {
      d.views.forget(id);
      done++;
    }
  }
  return done;
}
