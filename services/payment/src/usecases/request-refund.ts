// The order service asked for a payment to be given back in full (order.refund_requested): a paid
// order cancelled, or a payment that arrived after its order was cancelled. Runs in the inbox's
// transaction: SUCCEEDED → REFUND_PENDING, the refund row, then the provider's refund; a provider
// failure rolls it all back and the bus delivers again. The refund's id is derived from the
// payment's, so a retry asks the provider for the same refund (providers deduplicate on it).
// Anything but a SUCCEEDED payment (refunding or refunded already, never paid) needs nothing.
// A wallet payment is refunded to the wallet at once, in the same transaction (wallet-refund.ts).
import type { Tx } from "@shop/kit/db";
import { v5 } from "uuid";
import { walletProvider } from "../domain/ledger.ts";
import { lockPayment, lockSucceededPayment } from "../repo/payments.ts";
import { insertRefund } from "../repo/refunds.ts";
import { changeStatus } from "./change-status.ts";
import type { Deps } from "./deps.ts";
import { refOf } from "./views.ts";
import { refundToWallet } from "./wallet-refund.ts";

const refundNamespace = "5b0f3c36-8f0e-4a53-9a52-5c2f1d7b8e40";

export interface RefundRequest {
  orderId: string;
  /** Empty: the order's succeeded payment. */
  paymentId: string;
  reason: string;
}

export async function requestRefund(d: Deps, tx: Tx, req: RefundRequest): Promise<void> {
  const payment = req.paymentId ? await lockPayment(tx, req.paymentId) : await lockSucceededPayment(tx, req.orderId);
  if (!payment || payment.orderId !== req.orderId) {
    d.logger.warn({ ...req }, "refund requested for no payment of the order: nothing to refund");
    return;
  }
  const reason = req.reason || "refund requested by the order service";
  const row = await changeStatus(tx, payment, "refund.requested", { actor: "order-service", reason });
  if (!row) {
    d.logger.info({ paymentId: payment.id, status: payment.status }, "refund requested for a payment that is not SUCCEEDED: nothing to do");
    return;
  }
  const refund = await insertRefund(tx, { id: v5(payment.id, refundNamespace), paymentId: payment.id, amountMinor: payment.amountMinor, reason });
  if (payment.provider === walletProvider) return refundToWallet(tx, row, refund);
  const provider = d.providers.get(payment.provider);
  if (!provider) throw new Error(`payment ${payment.id} has provider ${payment.provider}, which is not configured`);
  await provider.refund(refOf(row), { id: refund.id, amountMinor: refund.amountMinor, reason });
}
