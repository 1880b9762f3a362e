// The sale pages: public ones from the process's views (a crowd's refreshes never reach
// PostgreSQL), the admins' list with its counts from the tickets.
import { saleNotFound } from "../domain/errors.ts";
import { saleStatus, type SaleStatus } from "../domain/sale.ts";
import { allSales, type SaleRow } from "../repo/sales.ts";
import { countsOf, type SaleCounts } from "../repo/tickets.ts";
import type { Deps } from "./deps.ts";

export interface SaleView {
  sale: SaleRow;
  status: SaleStatus;
  remaining: number;
  counts?: SaleCounts;
}

const view = (sale: SaleRow, remaining: number | undefined, counts?: SaleCounts): SaleView => ({
  sale,
  status: saleStatus(sale, Date.now()),
  // The gate no longer has an ended sale after a while: what the tickets say is left then.
  remaining: remaining ?? Math.max(0, sale.quantity - ((counts?.won ?? 0) - (counts?.returned ?? 0))),
  counts,
});

/** Public answers carry no counts (the proto's 0). */
export const withoutCounts = (v: SaleView): SaleView => ({ ...v, counts: undefined });

export async function listFlashSales(d: Deps): Promise<SaleView[]> {
  const { sales, remaining } = await d.views.open();
  return sales.map((s) => view(s, remaining.get(s.id))).filter((v) => v.status !== "ENDED");
}

export async function getFlashSale(d: Deps, saleId: string): Promise<SaleView> {
  const sale = await d.views.sale(saleId);
  if (!sale) throw saleNotFound(saleId);
  const { remaining } = await d.views.open();
  const left = remaining.get(saleId) ?? (await d.gate.remaining([saleId])).get(saleId);
  return view(sale, left, left === undefined ? (await countsOf(d.db, [saleId])).get(saleId) : undefined);
}

export async function listAllFlashSales(d: Deps, pageSize: number): Promise<SaleView[]> {
  const sales = await allSales(d.db, pageSize || 50);
  const ids = sales.map((s) => s.id);
  const [counts, remaining] = await Promise.all([countsOf(d.db, ids), d.gate.remaining(ids)]);
  return sales.map((s) => {
    const c = counts.get(s.id) ?? { won: 0, ordered: 0, paid: 0, returned: 0 };
    return view(s, remaining.get(s.id), c);
  });
}
