// MarkReviewHelpful: once per shopper (the primary key of review_helpful), never on one's own
// review; a hidden review is as good as gone to shoppers.
import { transaction } from "@shop/kit/transaction";
import { ownReview, reviewNotFound } from "../domain/errors.ts";
import { addHelpful, findReview, type ReviewRow } from "../repo/reviews.ts";
import type { Deps } from "./deps.ts";

export async function markHelpful(d: Deps, userId: string, reviewId: string): Promise<ReviewRow> {
  return transaction(d.db, async (tx) => {
    const review = await findReview(tx, reviewId);
    if (!review || review.hidden) throw reviewNotFound(reviewId);
    if (review.userId === userId) throw ownReview(reviewId);
    if (!(await addHelpful(tx, reviewId, userId))) return review;
    return (await findReview(tx, reviewId))!;
  });
}
