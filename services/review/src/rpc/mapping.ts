// Rows <-> proto messages, and the signed-in caller the kit's interceptors put in the context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { reviewv1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import type { ReviewSort, Visibility } from "../domain/listing.ts";
import type { LineRow } from "../repo/lines.ts";
import type { ReviewRow } from "../repo/reviews.ts";

const ts = (d: Date | null) => (d ? timestampFromDate(d) : undefined);

/** The signed-in caller's user id; only called from RPCs declared ACCESS_USER or ACCESS_ADMIN. */
export function callerOf(ctx: HandlerContext): string {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal.userId;
}

/** `forPublic`: without the author (who bought what is not public). */
export function toReview(r: ReviewRow, forPublic = false): MessageInitShape<typeof reviewv1.ReviewSchema> {
  return {
    id: r.id,
    productId: r.productId,
    skuId: r.skuId,
    orderId: forPublic ? "" : r.orderId,
    userId: forPublic ? "" : r.userId,
    rating: r.rating,
    text: r.body,
    photoIds: r.photoIds,
    photos: r.photos,
    helpfulCount: r.helpfulCount,
    hidden: r.hidden,
    hiddenReason: r.hiddenReason,
    hiddenAt: ts(r.hiddenAt),
    createdAt: ts(r.createdAt),
  };
}

export function toLine(l: LineRow): MessageInitShape<typeof reviewv1.ReviewableLineSchema> {
  return {
    orderId: l.orderId,
    orderNumber: l.orderNumber,
    productId: l.productId,
    skuId: l.skuId,
    quantity: l.quantity,
    completedAt: ts(l.completedAt),
  };
}

export const sortOf = (s: reviewv1.ReviewSort): ReviewSort => (s === reviewv1.ReviewSort.MOST_HELPFUL ? "most_helpful" : "newest");

const visibilities: Record<reviewv1.ReviewVisibility, Visibility> = {
  [reviewv1.ReviewVisibility.UNSPECIFIED]: undefined,
  [reviewv1.ReviewVisibility.VISIBLE]: "visible",
  [reviewv1.ReviewVisibility.HIDDEN]: "hidden",
};

export const visibilityOf = (v: reviewv1.ReviewVisibility): Visibility => visibilities[v];
