// A ticket follows the order made from it (the order id is the ticket id), by the order service's
// status changes: AWAITING_PAYMENT → ORDERED, PAID → PAID, CANCELLED → CANCELLED, FAILED → FAILED.
// An order cancelled unpaid or failed gives its unit back to the sale (its reservation went back to
// the sale's); the shopper keeps the ticket, so they cannot win again. Applied once per message
// (the inbox, events/consumers.ts), in its transaction; the gate's give-back is once per ticket
// whatever the retries, so a rollback after it and the redelivery give back one unit. Events of one
// order may arrive out of order: a ticket catches up through the table (QUEUED, then PAID: ORDERED
// and PAID, both recorded), and an event about a state already left behind changes nothing.
import { orderv1 } from "@shop/contracts";
import type { Tx } from "@shop/kit/db";
import { givesUnitBack, stepsTo, type TicketStatus } from "../domain/ticket.ts";
import { findTicket, setTicketStatus } from "../repo/tickets.ts";
import type { Deps } from "./deps.ts";

const ticketStatusOf: Partial<Record<orderv1.OrderStatus, TicketStatus>> = {
  [orderv1.OrderStatus.AWAITING_PAYMENT]: "ORDERED",
  [orderv1.OrderStatus.PAID]: "PAID",
  [orderv1.OrderStatus.CANCELLED]: "CANCELLED",
  [orderv1.OrderStatus.FAILED]: "FAILED",
};

export async function followOrder(d: Deps, tx: Tx, e: orderv1.OrderStatusChanged): Promise<void> {
  const to = ticketStatusOf[e.to];
  if (!e.flashSaleId || !to) return;
  const ticket = await findTicket(tx, e.orderId, "wait");
  if (!ticket) {
    d.logger.warn({ orderId: e.orderId, saleId: e.flashSaleId }, "an order names a flash sale but no ticket of ours: ignored");
    return;
  }
  const steps = stepsTo(ticket.status, to, ticketStatusOf[e.from]);
  if (!steps.length) {
    if (ticket.status !== to) d.logger.warn({ ticketId: ticket.id, from: ticket.status, to }, "a ticket cannot make this change (a late event): ignored");
    return;
  }
  const cause = { actor: e.actor || "order", reason: e.reason || `order ${orderv1.OrderStatus[e.to]}` };
  let row = ticket;
  for (const [from, next] of steps) {
    const back = givesUnitBack(from, next);
    await setTicketStatus(tx, row, next, cause, { ...(next === "FAILED" && { reason: e.reason }), ...(back && { unitReturned: true }) });
    row = { ...row, status: next };
    if (back) {
      await d.gate.giveBack(ticket.saleId, ticket.id);
      d.views.forget(ticket.saleId);
    }
  }
}
