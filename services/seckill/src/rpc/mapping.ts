// Domain views <-> proto messages, and the signed-in caller the kit's interceptors put in the context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { seckillv1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import type { AttemptView } from "../usecases/attempt-result.ts";
import type { SaleView } from "../usecases/read-sales.ts";

export function toFlashSale({ sale: s, status, remaining, counts }: SaleView): MessageInitShape<typeof seckillv1.FlashSaleSchema> {
  return {
    id: s.id,
    skuId: s.skuId,
    productId: s.productId,
    title: s.title,
    image: s.image,
    specs: s.specs,
    currency: s.currency,
    salePriceMinor: BigInt(s.salePriceMinor),
    regularPriceMinor: BigInt(s.regularPriceMinor),
    quantity: s.quantity,
    remaining,
    startsAt: timestampFromDate(s.startsAt),
    endsAt: timestampFromDate(s.endsAt),
    status: seckillv1.FlashSaleStatus[status],
    endedAt: s.endedAt ? timestampFromDate(s.endedAt) : undefined,
    won: counts?.won ?? 0,
    ordered: counts?.ordered ?? 0,
    paid: counts?.paid ?? 0,
  };
}

export function toAttemptResult(a: AttemptView): MessageInitShape<typeof seckillv1.AttemptResultSchema> {
  return { saleId: a.saleId, status: seckillv1.AttemptStatus[a.status], ticketId: a.ticketId, orderId: a.orderId, reason: a.reason };
}

/** The signed-in caller's user id; only called from RPCs that require one. */
export function callerOf(ctx: HandlerContext): string {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal.userId;
}
