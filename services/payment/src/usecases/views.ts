// A payment as the API shows it: the row with its refunds. Reads only.
import type { Executor } from "@shop/kit/db";
import type { PaymentRow } from "../repo/payments.ts";
import { refundsOf, type RefundRow } from "../repo/refunds.ts";
import type { PaymentRef } from "../providers/port.ts";

export type PaymentView = PaymentRow & { refunds: RefundRow[] };

export async function withRefunds(ex: Executor, rows: PaymentRow[]): Promise<PaymentView[]> {
  const refunds = await refundsOf(
    ex,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, refunds: refunds.get(r.id) ?? [] }));
}

export const refOf = (p: PaymentRow): PaymentRef => ({
  id: p.id,
  orderId: p.orderId,
  orderNumber: p.orderNumber,
  amountMinor: p.amountMinor,
  currency: p.currency,
  providerReference: p.providerReference,
});
