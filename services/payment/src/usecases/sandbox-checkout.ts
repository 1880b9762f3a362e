// The sandbox's hosted page (served by the gateway): what is being paid (an order's payment or a
// wallet top-up), and the shopper's Pay or Decline, which the sandbox reports by signed webhook
// like any provider. Anyone holding the page's address may use it, as with a provider's hosted page.
import { paymentNotFound, paymentNotPending } from "../domain/errors.ts";
import type { PaymentStatus } from "../domain/status.ts";
import { findPayment } from "../repo/payments.ts";
import { findTopUp } from "../repo/top-ups.ts";
import type { PaymentRef } from "../providers/port.ts";
import type { SandboxOutcome } from "../providers/sandbox/provider.ts";
import type { Deps } from "./deps.ts";
import { topUpRef } from "./top-ups.ts";
import { refOf } from "./views.ts";

export interface CheckoutView {
  ref: PaymentRef;
  status: PaymentStatus;
}

export async function getSandboxCheckout(d: Deps, id: string): Promise<CheckoutView> {
  const payment = await findPayment(d.db, id);
  if (payment?.provider === d.sandbox.name) return { ref: refOf(payment), status: payment.status };
  const topUp = payment ? undefined : await findTopUp(d.db, id);
  if (topUp?.provider === d.sandbox.name) return { ref: topUpRef(topUp), status: topUp.status };
  throw paymentNotFound();
}

export async function submitSandboxCheckout(d: Deps, id: string, outcome: SandboxOutcome): Promise<CheckoutView> {
  const checkout = await getSandboxCheckout(d, id);
  if (checkout.status !== "PENDING") throw paymentNotPending(checkout.status);
  d.sandbox.submit(checkout.ref, outcome);
  return checkout;
}
