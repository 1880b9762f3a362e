// Gives the gate its entry of a sale, unless it has one. Rebuilt from PostgreSQL: units left are the
// quantity minus the tickets that still hold one; holders are every ticket's shopper. Run for the
// open sales at start (Redis keeps nothing on disk here) and when the gate answers MISSING.
import { saleStatus } from "../domain/sale.ts";
import { openSales, type SaleRow } from "../repo/sales.ts";
import { holdersOf } from "../repo/tickets.ts";
import type { Deps } from "./deps.ts";

export async function loadIntoGate(d: Pick<Deps, "db" | "gate">, sale: SaleRow): Promise<void> {
  const { holders, returned } = await holdersOf(d.db, sale.id);
  await d.gate.load({
    saleId: sale.id,
    startsAt: sale.startsAt,
    endsAt: sale.endsAt,
    ended: saleStatus(sale, Date.now()) === "ENDED",
    remaining: Math.max(0, sale.quantity - (holders.size - returned.length)),
    holders,
    returned,
  });
}

export async function loadOpenSales(d: Pick<Deps, "db" | "gate">): Promise<number> {
  const sales = await openSales(d.db, 10_000);
  for (const sale of sales) await loadIntoGate(d, sale);
  return sales.length;
}
