// Domain rows <-> proto messages. Amounts are numbers inside the service and int64 (bigint) in
// the generated code; the conversion happens here and only here.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { paymentv1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import type { PaymentStatus } from "../domain/status.ts";
import type { RefundRow } from "../repo/refunds.ts";
import type { SandboxOutcome } from "../providers/sandbox/provider.ts";
import type { PaymentMethod } from "../usecases/create-payment.ts";
import type { CheckoutView } from "../usecases/sandbox-checkout.ts";
import type { PaymentView } from "../usecases/views.ts";

export const statusToProto: Record<PaymentStatus, paymentv1.PaymentStatus> = {
  PENDING: paymentv1.PaymentStatus.PENDING,
  SUCCEEDED: paymentv1.PaymentStatus.SUCCEEDED,
  FAILED: paymentv1.PaymentStatus.FAILED,
  REFUND_PENDING: paymentv1.PaymentStatus.REFUND_PENDING,
  REFUNDED: paymentv1.PaymentStatus.REFUNDED,
};

/** The validator refuses UNSPECIFIED, so only the two outcomes reach here. */
export const outcomeOf = (o: paymentv1.SandboxOutcome): SandboxOutcome => (o === paymentv1.SandboxOutcome.PAY ? "pay" : "decline");

/** UNSPECIFIED is the sandbox, as before the wallet existed. */
export const methodOf = (m: paymentv1.PaymentMethod): PaymentMethod => (m === paymentv1.PaymentMethod.WALLET ? "wallet" : "sandbox");

function toRefund(r: RefundRow): MessageInitShape<typeof paymentv1.RefundSchema> {
  return {
    id: r.id,
    amountMinor: BigInt(r.amountMinor),
    reason: r.reason,
    status: r.status,
    createdAt: timestampFromDate(r.createdAt),
    completedAt: r.completedAt ? timestampFromDate(r.completedAt) : undefined,
  };
}

export function toPayment(p: PaymentView): MessageInitShape<typeof paymentv1.PaymentSchema> {
  return {
    id: p.id,
    orderId: p.orderId,
    userId: p.userId,
    provider: p.provider,
    status: statusToProto[p.status],
    amountMinor: BigInt(p.amountMinor),
    currency: p.currency,
    checkoutUrl: p.status === "PENDING" ? p.checkoutUrl : "",
    providerReference: p.providerReference,
    failureReason: p.failureReason,
    refunds: p.refunds.map(toRefund),
    createdAt: timestampFromDate(p.createdAt),
    updatedAt: timestampFromDate(p.updatedAt),
  };
}

export function toSandboxCheckout({ ref, status }: CheckoutView): MessageInitShape<typeof paymentv1.SandboxCheckoutSchema> {
  return {
    paymentId: ref.id,
    orderNumber: ref.orderNumber,
    // A top-up has no order: its "number" is its label.
    description: ref.orderId ? `Order ${ref.orderNumber}` : ref.orderNumber,
    amountMinor: BigInt(ref.amountMinor),
    currency: ref.currency,
    status: statusToProto[status],
  };
}

/** The signed-in user's id; only called from RPCs declared ACCESS_USER or ACCESS_ADMIN. */
export function userOf(ctx: HandlerContext): string {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal.userId;
}
