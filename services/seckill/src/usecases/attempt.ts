// AttemptPurchase, the hot path: no PostgreSQL in it in the Redis profile. The token is an HMAC
// (no lookup); the sale's row and "sold out" come from the process's views (sale-views.ts); then
// one atomic gate step decides. A winner is told QUEUED with their ticket at once (the order is
// made shortly; they poll GetMyAttempt); a winner asking again gets their ticket again.
import { trace } from "@opentelemetry/api";
import { v7 } from "uuid";
import { currentTraceHeaders } from "@shop/kit/bus/instrument";
import { saleEnded, saleNotFound, saleNotStarted, tokenInvalid } from "../domain/errors.ts";
import { saleStatus } from "../domain/sale.ts";
import { tokenValid } from "../domain/token.ts";
import type { GateOutcome, Win } from "../gate/port.ts";
import { attempts, refused, soldOutAnswers, wins } from "../metrics.ts";
import { findTicket } from "../repo/tickets.ts";
import { soldOutView, ticketView, type AttemptView } from "./attempt-result.ts";
import type { Deps } from "./deps.ts";
import { loadIntoGate } from "./load-gate.ts";

export interface AttemptInput {
  saleId: string;
  userId: string;
  token: string;
  addressId: string;
}

function refuse(reason: "ATTEMPT_TOKEN_INVALID" | "SALE_NOT_STARTED" | "SALE_ENDED", err: Error): never {
  refused.inc({ reason });
  attempts.inc({ outcome: reason === "ATTEMPT_TOKEN_INVALID" ? "refused_token" : "refused_window" });
  throw err;
}

export async function attemptPurchase(d: Deps, input: AttemptInput): Promise<AttemptView> {
  const { saleId, userId } = input;
  const now = Date.now();
  if (!tokenValid(d.tokenSecret, input.token, saleId, userId, now)) refuse("ATTEMPT_TOKEN_INVALID", tokenInvalid());
  const sale = await d.views.sale(saleId);
  if (!sale) throw saleNotFound(saleId);
  const status = saleStatus(sale, now);
  if (status === "SCHEDULED") refuse("SALE_NOT_STARTED", saleNotStarted(saleId, sale.startsAt));
  if (status === "ENDED") refuse("SALE_ENDED", saleEnded(saleId));

  const holders = d.views.soldOut(saleId);
  if (holders) {
    const held = holders.get(userId);
    if (held) return again(d, saleId, held);
    attempts.inc({ outcome: "sold_out" });
    soldOutAnswers.inc({ from: "memo" });
    return soldOutView(saleId);
  }

  const win: Win = {
    ticketId: v7(),
    saleId,
    userId,
    addressId: input.addressId,
    skuId: sale.skuId,
    salePriceMinor: sale.salePriceMinor,
    currency: sale.currency,
    wonAtMs: now,
    trace: trace.getActiveSpan() ? currentTraceHeaders() : {},
  };
  let outcome: GateOutcome = await d.gate.attempt(win);
  if (outcome.outcome === "MISSING") {
    // The gate lost the sale (Redis restarted): rebuild it from PostgreSQL, then decide.
    await loadIntoGate(d, sale);
    outcome = await d.gate.attempt(win);
  }
  switch (outcome.outcome) {
    case "WON":
      attempts.inc({ outcome: "won" });
      wins.inc();
      return ticketView(saleId, outcome.ticketId);
    case "HELD":
      return again(d, saleId, outcome.ticketId);
    case "SOLD_OUT":
      attempts.inc({ outcome: "sold_out" });
      soldOutAnswers.inc({ from: "gate" });
      // Not waited for: the answer does not need it, the next attempts do.
      d.views.markSoldOut(saleId).catch((err: unknown) => d.logger.warn({ err, saleId }, "remembering a sold-out sale failed"));
      return soldOutView(saleId);
    case "NOT_STARTED":
      return refuse("SALE_NOT_STARTED", saleNotStarted(saleId, sale.startsAt));
    case "ENDED":
      return refuse("SALE_ENDED", saleEnded(saleId));
    case "MISSING":
      throw new Error(`the gate has no entry for sale ${saleId} even after loading it`);
  }
}

/** A winner asking again: their ticket as it stands (QUEUED until the drainer wrote it). */
async function again(d: Deps, saleId: string, ticketId: string): Promise<AttemptView> {
  attempts.inc({ outcome: "held" });
  return ticketView(saleId, ticketId, await findTicket(d.db, ticketId));
}
