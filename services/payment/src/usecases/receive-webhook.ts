// ReceiveWebhook: a provider's event, as delivered. The provider verifies the signature and age
// (a refused delivery changes nothing); then, in one transaction, the event id is claimed in
// webhook_events (a replay or duplicate finds it and is answered OK, applied once), the payment is
// locked, the amount checked, the status moved by the transitions table and the event announced
// through the outbox (a wallet top-up's event credits the wallet instead: top-ups.ts). An event the
// table has no move for (a failure after a success) is recorded as ignored and answered OK, so the
// provider stops sending it.
import type { Tx } from "@shop/kit/db";
import { transaction } from "@shop/kit/transaction";
import { amountMismatch, paymentNotFound, providerNotFound, refundNotFound } from "../domain/errors.ts";
import type { ProviderEvent } from "../domain/provider-event.ts";
import { publishFailed, publishRefunded, publishSucceeded } from "../events/publish.ts";
import { lockPayment, type PaymentRow } from "../repo/payments.ts";
import { completeRefund, findRefund, type RefundRow } from "../repo/refunds.ts";
import { claimEvent, markIgnored } from "../repo/webhook-events.ts";
import { changeStatus } from "./change-status.ts";
import type { Deps } from "./deps.ts";
import { applyTopUpEvent } from "./top-ups.ts";

export async function receiveWebhook(d: Deps, providerName: string, payload: Uint8Array, signature: string): Promise<{ applied: boolean }> {
  const provider = d.providers.get(providerName);
  if (!provider) throw providerNotFound(providerName);
  const event = provider.verifyWebhook(payload, signature, d.now());
  const applied = await transaction(d.db, async (tx) => {
    if (!(await claimEvent(tx, { provider: providerName, eventId: event.id, type: event.type, paymentId: event.paymentId }))) return false;
    const payment = await lockPayment(tx, event.paymentId);
    // Not an order's payment: a wallet top-up's, or nothing of ours.
    const moved = payment ? await applyToPayment(tx, providerName, payment, event) : await applyTopUpEvent(tx, providerName, event);
    if (moved === undefined) throw paymentNotFound();
    if (moved) return true;
    await markIgnored(tx, providerName, event.id);
    return false;
  });
  if (!applied)
    d.logger.info({ provider: providerName, eventId: event.id, type: event.type, paymentId: event.paymentId }, "webhook event not applied (duplicate or past)");
  return { applied };
}

async function refundOf(tx: Tx, payment: PaymentRow, event: ProviderEvent): Promise<RefundRow> {
  const refund = event.refundId ? await findRefund(tx, event.refundId) : undefined;
  if (!refund || refund.paymentId !== payment.id) throw refundNotFound();
  return refund;
}

async function applyToPayment(tx: Tx, providerName: string, payment: PaymentRow, event: ProviderEvent): Promise<boolean> {
  if (payment.provider !== providerName) throw paymentNotFound();
  const refund = event.type === "refund.succeeded" ? await refundOf(tx, payment, event) : undefined;
  const expected = refund ? { amountMinor: refund.amountMinor, currency: payment.currency } : payment;
  if (event.amountMinor !== expected.amountMinor || event.currency !== expected.currency) throw amountMismatch(expected);
  return apply(tx, payment, event, refund, `provider:${providerName}`);
}

/** Moves the payment and announces it; false when the event moves nothing. */
async function apply(tx: Tx, p: PaymentRow, event: ProviderEvent, refund: RefundRow | undefined, actor: string): Promise<boolean> {
  const cause = { actor, reason: `${event.type} (event ${event.id})` };
  switch (event.type) {
    case "payment.succeeded": {
      const row = await changeStatus(tx, p, event.type, cause, { providerReference: p.providerReference || event.providerReference, failureReason: "" });
      if (row) await publishSucceeded(tx, row);
      return !!row;
    }
    case "payment.failed": {
      const row = await changeStatus(tx, p, event.type, cause, { failureReason: event.failureReason || "declined by the provider" });
      if (row) await publishFailed(tx, row);
      return !!row;
    }
    case "refund.succeeded": {
      const row = await changeStatus(tx, p, event.type, cause);
      if (!row) return false;
      await completeRefund(tx, refund!.id);
      await publishRefunded(tx, row, refund!);
      return true;
    }
  }
}
