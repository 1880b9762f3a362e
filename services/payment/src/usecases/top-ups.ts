// Top-ups: the shopper adds money to their wallet through the sandbox's hosted page. The provider's
// webhook settles it (receive-webhook.ts): a success credits the wallet in the transaction that
// marks it SUCCEEDED, once (the status moves once, and the ledger posts one entry per top-up).
import type { Tx } from "@shop/kit/db";
import { transaction } from "@shop/kit/transaction";
import { v7 } from "uuid";
import { amountMismatch, paymentNotFound, topUpNotFound } from "../domain/errors.ts";
import type { ProviderEvent } from "../domain/provider-event.ts";
import { nextStatus } from "../domain/status.ts";
import type { PaymentRef } from "../providers/port.ts";
import { findTopUp, insertTopUp, lockTopUp, updateTopUp, type TopUpRow, type TopUpStatus } from "../repo/top-ups.ts";
import type { Deps } from "./deps.ts";
import { postMovement } from "./post-movement.ts";

/** What the provider's page shows in place of an order number. */
export const topUpLabel = "Wallet top-up";

export const topUpRef = (t: TopUpRow): PaymentRef => ({ ...t, orderId: "", orderNumber: topUpLabel });

export async function createTopUp(d: Deps, userId: string, amountMinor: number, currency: string): Promise<TopUpRow> {
  const id = v7();
  const provider = d.sandbox;
  const checkout = await provider.createCheckout({ id, orderId: "", orderNumber: topUpLabel, amountMinor, currency, providerReference: "" });
  return transaction(d.db, (tx) =>
    insertTopUp(tx, {
      id,
      userId,
      provider: provider.name,
      status: "PENDING",
      amountMinor,
      currency,
      checkoutUrl: checkout.url,
      providerReference: checkout.providerReference,
      failureReason: "",
    }),
  );
}

/** The shopper's own top-up; another's is TOP_UP_NOT_FOUND, as a missing one. */
export async function getTopUp(d: Deps, userId: string, id: string): Promise<TopUpRow> {
  const row = await findTopUp(d.db, id);
  if (!row || row.userId !== userId) throw topUpNotFound();
  return row;
}

/**
 * A verified provider event about top-up `event.paymentId`: undefined when there is no such
 * top-up, else whether it moved it. Runs in the webhook's transaction, the top-up locked.
 */
export async function applyTopUpEvent(tx: Tx, providerName: string, event: ProviderEvent): Promise<boolean | undefined> {
  const topUp = await lockTopUp(tx, event.paymentId);
  if (!topUp) return undefined;
  if (topUp.provider !== providerName) throw paymentNotFound();
  if (event.amountMinor !== topUp.amountMinor || event.currency !== topUp.currency) throw amountMismatch(topUp);
  // Top-ups follow the payments' table; refund events have no move from these states.
  const to = nextStatus(topUp.status, event.type) as TopUpStatus | undefined;
  if (!to) return false;
  const failureReason = to === "FAILED" ? event.failureReason || "declined by the provider" : "";
  await updateTopUp(tx, topUp.id, { status: to, failureReason, checkoutUrl: "", providerReference: topUp.providerReference || event.providerReference });
  if (to === "SUCCEEDED")
    await postMovement(tx, { kind: "top_up", reference: topUp.id, userId: topUp.userId, currency: topUp.currency, amountMinor: topUp.amountMinor });
  return true;
}
