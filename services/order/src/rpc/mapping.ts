// Order rows <-> proto messages, and the signed-in caller the kit's interceptors put in the context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { orderv1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import type { PricedLine } from "../domain/pricing.ts";
import { isStatus, type Status } from "../domain/status.ts";
import type { CouponQuote } from "../usecases/quote.ts";
import type { OrderView } from "../usecases/read.ts";

const ts = (d: Date | null | undefined) => (d ? timestampFromDate(d) : undefined);
const status = (s: Status) => orderv1.OrderStatus[s];

function toLine(l: PricedLine): MessageInitShape<typeof orderv1.OrderLineSchema> {
  return {
    ...l,
    unitPriceMinor: BigInt(l.unitPriceMinor),
    subtotalMinor: BigInt(l.subtotalMinor),
    discountMinor: BigInt(l.discountMinor),
  };
}

export function toQuote(q: CouponQuote): MessageInitShape<typeof orderv1.QuoteSchema> {
  return {
    lines: q.lines.map(toLine),
    currency: q.currency,
    subtotalMinor: BigInt(q.subtotalMinor),
    shippingFeeMinor: BigInt(q.shippingFeeMinor),
    discountMinor: BigInt(q.discountMinor),
    totalMinor: BigInt(q.totalMinor),
    coupons: q.coupons.map((c) => ({
      userCouponId: c.userCouponId,
      name: c.name,
      applicable: c.applicable,
      reason: c.reason,
      discountMinor: BigInt(c.discountMinor),
    })),
    bestUserCouponId: q.bestUserCouponId,
    appliedUserCouponId: q.appliedUserCouponId,
  };
}

export function toOrder({ order: o, lines, history }: OrderView): MessageInitShape<typeof orderv1.OrderSchema> {
  return {
    id: o.id,
    number: o.number,
    userId: o.userId,
    status: status(o.status),
    lines: lines.map(toLine),
    currency: o.currency,
    subtotalMinor: BigInt(o.subtotalMinor),
    shippingFeeMinor: BigInt(o.shippingFeeMinor),
    discountMinor: BigInt(o.discountMinor),
    totalMinor: BigInt(o.totalMinor),
    address: o.address,
    note: o.note,
    paymentDeadline: o.status === "AWAITING_PAYMENT" ? ts(o.paymentDeadline) : undefined,
    paidAt: ts(o.paidAt),
    shipment: o.carrier && o.trackingNumber ? { carrier: o.carrier, trackingNumber: o.trackingNumber, shippedAt: ts(o.shippedAt) } : undefined,
    completedAt: ts(o.completedAt),
    cancelledAt: ts(o.cancelledAt),
    cancelReason: o.cancelReason ?? "",
    refundStatus: orderv1.RefundStatus[o.refundStatus],
    createdAt: ts(o.createdAt),
    updatedAt: ts(o.updatedAt),
    userCouponId: o.userCouponId ?? "",
    flashSaleId: o.flashSaleId ?? "",
    history: history.map((h) => ({
      from: h.fromStatus ? status(h.fromStatus) : orderv1.OrderStatus.UNSPECIFIED,
      to: status(h.toStatus),
      actor: h.actor,
      reason: h.reason,
      at: ts(h.at),
    })),
  };
}

/** A status filter of a list request; UNSPECIFIED is no filter. */
export function statusFilter(s: orderv1.OrderStatus): Status | undefined {
  const name = orderv1.OrderStatus[s];
  return s !== orderv1.OrderStatus.UNSPECIFIED && isStatus(name) ? name : undefined;
}

/** The signed-in caller's user id; only called from RPCs declared ACCESS_USER or ACCESS_ADMIN. */
export function callerOf(ctx: HandlerContext): string {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal.userId;
}
