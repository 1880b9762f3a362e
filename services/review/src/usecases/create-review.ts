// CreateReview: only the shopper of a COMPLETED order, once per line, with photos of their own.
// The photos are checked with the file service first (outside the transaction: no lock waits on a
// call). Then in one transaction: the review with its photos' URLs (the unique key refuses a second
// one, even from a concurrent call), the product's rating figures one version on, and their event
// in the outbox.
import { transaction } from "@shop/kit/transaction";
import { v7 } from "uuid";
import { reviewExists, reviewNotAllowed } from "../domain/errors.ts";
import { ownPhotos } from "../domain/photos.ts";
import { publishRating } from "../events/rating.ts";
import { findLine } from "../repo/lines.ts";
import { applyRating } from "../repo/ratings.ts";
import { insertReview, type ReviewRow } from "../repo/reviews.ts";
import type { Deps } from "./deps.ts";

export interface NewReviewInput {
  orderId: string;
  skuId: string;
  rating: number;
  text: string;
  photoIds: string[];
}

export async function createReview(d: Deps, userId: string, input: NewReviewInput): Promise<ReviewRow> {
  const photos = ownPhotos(userId, input.photoIds, await d.files.batchGet(input.photoIds));
  return transaction(d.db, async (tx) => {
    const line = await findLine(tx, input.orderId, input.skuId, userId);
    if (!line) throw reviewNotAllowed(input.orderId, input.skuId);
    const review = await insertReview(tx, {
      id: v7(),
      orderId: line.orderId,
      skuId: line.skuId,
      productId: line.productId,
      userId,
      rating: input.rating,
      body: input.text,
      photoIds: input.photoIds,
      photos,
    });
    if (!review) throw reviewExists(input.orderId, input.skuId);
    await publishRating(tx, await applyRating(tx, line.productId, review.rating, 1));
    return review;
  });
}
