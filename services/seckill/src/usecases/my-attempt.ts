// GetMyAttempt, what a shopper polls: their ticket (from PostgreSQL, or QUEUED while it waits in
// the gate's queue), else SOLD_OUT once the sale is sold out, else NO_ATTEMPT. A sold-out sale's
// losers are answered from the process's views alone.
import { noAttempt, saleNotFound } from "../domain/errors.ts";
import { findTicket, ticketOf } from "../repo/tickets.ts";
import { soldOutView, ticketView, type AttemptView } from "./attempt-result.ts";
import type { Deps } from "./deps.ts";

export async function getMyAttempt(d: Deps, saleId: string, userId: string): Promise<AttemptView> {
  const holders = d.views.soldOut(saleId);
  if (holders) {
    const held = holders.get(userId);
    if (!held) return soldOutView(saleId);
    return ticketView(saleId, held, await findTicket(d.db, held));
  }
  const sale = await d.views.sale(saleId);
  if (!sale) throw saleNotFound(saleId);
  const row = await ticketOf(d.db, saleId, userId);
  if (row) return ticketView(saleId, row.id, row);
  const queued = await d.gate.ticketOf(saleId, userId);
  if (queued) return ticketView(saleId, queued);
  if ((await d.gate.remaining([saleId])).get(saleId) === 0) {
    await d.views.markSoldOut(saleId);
    return soldOutView(saleId);
  }
  throw noAttempt(saleId);
}
