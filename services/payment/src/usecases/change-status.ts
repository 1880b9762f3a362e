// The one way a payment's status changes: by the transitions table, recorded in the history with
// its cause, in the caller's transaction.
import type { Tx } from "@shop/kit/db";
import { nextStatus, type Trigger } from "../domain/status.ts";
import { recordStatus } from "../repo/history.ts";
import { updatePayment, type PaymentRow } from "../repo/payments.ts";
import type { ChangeCause } from "./deps.ts";

type Extra = Partial<Pick<PaymentRow, "providerReference" | "failureReason">>;

/** The payment moved by `trigger`; undefined (and nothing written) when the table has no such move. */
export async function changeStatus(tx: Tx, p: PaymentRow, trigger: Trigger, cause: ChangeCause, extra: Extra = {}): Promise<PaymentRow | undefined> {
  const to = nextStatus(p.status, trigger);
  if (!to) return undefined;
  // The hosted page is only for paying: gone once the payment left PENDING.
  const row = await updatePayment(tx, p.id, { ...extra, status: to, checkoutUrl: "" });
  await recordStatus(tx, { paymentId: p.id, fromStatus: p.status, toStatus: to, ...cause });
  return row;
}
