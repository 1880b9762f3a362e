// GetPayment, ListOrderPayments and AdminListOrderPayments: a shopper sees only their own payments
// (another's is NOT_FOUND, as a missing one); an admin sees every payment of an order.
import { paymentNotFound } from "../domain/errors.ts";
import { findPayment, listOrderPayments } from "../repo/payments.ts";
import type { Deps } from "./deps.ts";
import { withRefunds, type PaymentView } from "./views.ts";

export async function getPayment(d: Deps, userId: string, paymentId: string): Promise<PaymentView> {
  const row = await findPayment(d.db, paymentId);
  if (!row || row.userId !== userId) throw paymentNotFound();
  return (await withRefunds(d.db, [row]))[0]!;
}

/** Oldest first; only `userId`'s payments when given (a shopper), every one without (an admin). */
export async function listPayments(d: Deps, orderId: string, userId?: string): Promise<PaymentView[]> {
  return withRefunds(d.db, await listOrderPayments(d.db, orderId, userId));
}
