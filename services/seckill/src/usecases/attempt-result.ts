// What a shopper is told about their attempt: their ticket as it stands, or SOLD_OUT.
import type { TicketStatus } from "../domain/ticket.ts";
import type { TicketRow } from "../repo/tickets.ts";

export interface AttemptView {
  saleId: string;
  status: TicketStatus | "SOLD_OUT";
  ticketId: string;
  /** Once an order was made from the ticket: its id (the ticket id). */
  orderId: string;
  reason: string;
}

export const soldOutView = (saleId: string): AttemptView => ({ saleId, status: "SOLD_OUT", ticketId: "", orderId: "", reason: "" });

/** A ticket still in the gate's queue (not in PostgreSQL yet) is QUEUED. */
export function ticketView(saleId: string, ticketId: string, row?: TicketRow): AttemptView {
  const status = row?.status ?? "QUEUED";
  const ordered = status === "ORDERED" || status === "PAID" || status === "CANCELLED";
  return { saleId, status, ticketId, orderId: ordered ? ticketId : "", reason: row?.reason ?? "" };
}
