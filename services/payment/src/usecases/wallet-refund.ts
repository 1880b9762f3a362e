// A wallet payment's refund: no provider to ask, so the refund completes in the transaction that
// requested it. The ledger moves the amount from refunds back to the wallet, the payment goes
// REFUND_PENDING → REFUNDED and payment.refunded is announced, as a provider's refund webhook does.
import type { Tx } from "@shop/kit/db";
import { publishRefunded } from "../events/publish.ts";
import type { PaymentRow } from "../repo/payments.ts";
import { completeRefund, type RefundRow } from "../repo/refunds.ts";
import { changeStatus } from "./change-status.ts";
import { postMovement } from "./post-movement.ts";

export async function refundToWallet(tx: Tx, payment: PaymentRow, refund: RefundRow): Promise<void> {
  const row = await changeStatus(tx, payment, "refund.succeeded", { actor: "wallet", reason: "refunded to the wallet balance" });
  if (!row) throw new Error(`wallet payment ${payment.id} is ${payment.status}, not REFUND_PENDING`);
  await completeRefund(tx, refund.id);
  await postMovement(tx, {
    kind: "refund",
    reference: refund.id,
    orderId: payment.orderId,
    userId: payment.userId,
    currency: payment.currency,
    amountMinor: refund.amountMinor,
  });
  await publishRefunded(tx, row, refund);
}
