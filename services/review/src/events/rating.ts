// review.product_rating_changed, written to the outbox in the transaction that changed the figures.
import { create } from "@bufbuild/protobuf";
import { events, reviewv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import type { Executor } from "@shop/kit/db";
import type { Rating } from "../repo/ratings.ts";

export async function publishRating(ex: Executor, r: Rating): Promise<void> {
  const message = create(reviewv1.ProductRatingChangedSchema, {
    productId: r.productId,
    ratingSum: BigInt(r.ratingSum),
    ratingCount: r.ratingCount,
    version: BigInt(r.version),
  });
  await enqueue(ex, events.productRatingChanged, message);
}
