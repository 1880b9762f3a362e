// The sandbox's hosted page (served by the gateway): what is being paid, and the shopper's Pay or
// Decline, which the sandbox reports by signed webhook like any provider. Anyone holding the
// page's address may use it, as with a provider's hosted page.
import { paymentNotFound, paymentNotPending } from "../domain/errors.ts";
import { findPayment, type PaymentRow } from "../repo/payments.ts";
import type { SandboxOutcome } from "../providers/sandbox/provider.ts";
import type { Deps } from "./deps.ts";
import { refOf } from "./views.ts";

export async function getSandboxCheckout(d: Deps, paymentId: string): Promise<PaymentRow> {
  const row = await findPayment(d.db, paymentId);
  if (!row || row.provider !== d.sandbox.name) throw paymentNotFound();
  return row;
}

export async function submitSandboxCheckout(d: Deps, paymentId: string, outcome: SandboxOutcome): Promise<PaymentRow> {
  const row = await getSandboxCheckout(d, paymentId);
  if (row.status !== "PENDING") throw paymentNotPending(row.status);
  d.sandbox.submit(refOf(row), outcome);
  return row;
}
