// What the crowd reads, kept in the process for a couple of seconds so refreshes and attempts
// never reach PostgreSQL: each sale's row, the list of open sales, and "sold out" with the sale's
// ticket holders (at most its quantity plus returns), which answers a sold-out sale's attempts
// without even asking the gate. A unit given back clears its sale's "sold out" here at once and in
// other instances within the same few seconds.
import type { Db } from "@shop/kit/db";
import type { Gate } from "../gate/port.ts";
import { findSale, openSales, type SaleRow } from "../repo/sales.ts";

interface Kept<T> {
  value: T;
  until: number;
}

export interface SaleViews {
  /** The sale's row (at most a few seconds old), or undefined. */
  sale(id: string): Promise<SaleRow | undefined>;
  /** Sales not ended, soonest first, with their units left (at most a few seconds old). */
  open(): Promise<{ sales: SaleRow[]; remaining: Map<string, number> }>;
  /** Known sold out: who holds tickets; undefined when not known to be sold out. */
  soldOut(saleId: string): Map<string, string> | undefined;
  markSoldOut(saleId: string): Promise<void>;
  /** Drops what is kept of the sale (after a change to it). */
  forget(saleId: string): void;
}

export function createSaleViews(db: Db, gate: Gate, keepMs: number): SaleViews {
  // Only sales that exist are kept, so the maps stay as small as the number of sales.
  const rows = new Map<string, Kept<SaleRow>>();
  const soldOut = new Map<string, Kept<Map<string, string>>>();
  const marking = new Map<string, Promise<void>>();
  let list: Kept<Promise<{ sales: SaleRow[]; remaining: Map<string, number> }>> | undefined;
  const fresh = <T>(k: Kept<T> | undefined): k is Kept<T> => !!k && k.until > Date.now();

  return {
    async sale(id) {
      const kept = rows.get(id);
      if (fresh(kept)) return kept.value;
      const value = await findSale(db, id);
      if (keepMs && value) rows.set(id, { value, until: Date.now() + keepMs });
      return value;
    },
    open() {
      if (fresh(list)) return list.value;
      // Concurrent misses share one read.
      const value = (async () => {
        const sales = await openSales(db);
        return { sales, remaining: await gate.remaining(sales.map((s) => s.id)) };
      })();
      list = { value, until: Date.now() + keepMs };
      value.catch(() => (list = undefined));
      return value;
    },
    soldOut(saleId) {
      const kept = soldOut.get(saleId);
      return fresh(kept) ? kept.value : undefined;
    },
    markSoldOut(saleId) {
      if (!keepMs || fresh(soldOut.get(saleId))) return Promise.resolve();
      // The crowd's sold-out answers arrive together: one read of the holders for all of them.
      let read = marking.get(saleId);
      if (!read) {
        read = gate
          .holders(saleId)
          .then((value) => void soldOut.set(saleId, { value, until: Date.now() + keepMs }))
          .finally(() => marking.delete(saleId));
        marking.set(saleId, read);
      }
      return read;
    },
    forget(saleId) {
      rows.delete(saleId);
      soldOut.delete(saleId);
      list = undefined;
    },
  };
}
