// Paying an order from the wallet balance, in one transaction: the payment is written SUCCEEDED,
// the ledger moves the amount from the wallet to sales (INSUFFICIENT_BALANCE rolls it all back)
// and payment.succeeded goes to the outbox, exactly as a provider's payment announces itself, so
// the order becomes PAID through the same flow. The wallet's row lock makes concurrent payments
// take turns: the one the balance no longer covers is refused. An order is paid from the wallet at
// most once (a unique index): a second call gets that payment back.
import { transaction } from "@shop/kit/transaction";
import { v7 } from "uuid";
import type { PayableOrder } from "../clients/orders.ts";
import { walletProvider } from "../domain/ledger.ts";
import { publishSucceeded } from "../events/publish.ts";
import { recordStatus } from "../repo/history.ts";
import { findWalletPayment, insertWalletPayment } from "../repo/payments.ts";
import type { Deps } from "./deps.ts";
import { postMovement } from "./post-movement.ts";
import { withRefunds, type PaymentView } from "./views.ts";

export async function payFromWallet(d: Deps, userId: string, order: PayableOrder): Promise<PaymentView> {
  return transaction(d.db, async (tx) => {
    const id = v7();
    const row = await insertWalletPayment(tx, {
      id,
      orderId: order.orderId,
      orderNumber: order.number,
      userId,
      provider: walletProvider,
      status: "SUCCEEDED",
      amountMinor: order.totalMinor,
      currency: order.currency,
      checkoutUrl: "",
      providerReference: `wallet_${id}`,
      failureReason: "",
    });
    if (!row) return (await withRefunds(tx, [(await findWalletPayment(tx, order.orderId))!]))[0]!;
    await recordStatus(tx, { paymentId: id, fromStatus: null, toStatus: "SUCCEEDED", actor: userId, reason: "paid from the wallet balance" });
    await postMovement(tx, { kind: "payment", reference: id, orderId: order.orderId, userId, currency: order.currency, amountMinor: order.totalMinor });
    await publishSucceeded(tx, row);
    return { ...row, refunds: [] };
  });
}
