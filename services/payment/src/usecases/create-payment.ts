// CreatePayment: the shopper starts paying an order of theirs that awaits payment. The order
// service says what must be paid; an order's pending payment is answered again rather than a
// second one made (the partial unique index settles two calls at once). The wallet method pays at
// once from the balance (pay-from-wallet.ts).
import { transaction } from "@shop/kit/transaction";
import { v7 } from "uuid";
import { orderNotPayable } from "../domain/errors.ts";
import { recordStatus } from "../repo/history.ts";
import { findPendingPayment, insertPendingPayment } from "../repo/payments.ts";
import type { Deps } from "./deps.ts";
import { payFromWallet } from "./pay-from-wallet.ts";
import { withRefunds, type PaymentView } from "./views.ts";

export type PaymentMethod = "sandbox" | "wallet";

export async function createPayment(d: Deps, userId: string, orderId: string, method: PaymentMethod = "sandbox"): Promise<PaymentView> {
  const order = await d.orders.payableOrder(orderId, userId);
  if (!order.payable || order.totalMinor <= 0) throw orderNotPayable(order.status);
  if (method === "wallet") return payFromWallet(d, userId, order);
  const existing = await findPendingPayment(d.db, orderId);
  if (existing) return (await withRefunds(d.db, [existing]))[0]!;
  const provider = d.sandbox;
  const id = v7();
  const checkout = await provider.createCheckout({
    id,
    orderId,
    orderNumber: order.number,
    amountMinor: order.totalMinor,
    currency: order.currency,
    providerReference: "",
  });
  const row = await transaction(d.db, async (tx) => {
    const inserted = await insertPendingPayment(tx, {
      id,
      orderId,
      orderNumber: order.number,
      userId,
      provider: provider.name,
      status: "PENDING",
      amountMinor: order.totalMinor,
      currency: order.currency,
      checkoutUrl: checkout.url,
      providerReference: checkout.providerReference,
      failureReason: "",
    });
    if (!inserted) return undefined;
    await recordStatus(tx, { paymentId: id, fromStatus: null, toStatus: "PENDING", actor: userId, reason: "payment started" });
    return inserted;
  });
  // Another call made the order's pending payment meanwhile: that one is the answer.
  const payment = row ?? (await findPendingPayment(d.db, orderId));
  if (!payment) throw orderNotPayable(order.status); // made and settled in between: ask again
  return { ...payment, refunds: [] };
}
