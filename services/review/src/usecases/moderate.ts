// HideReview / UnhideReview: a review that changes visibility takes its rating out of (or back
// into) its product's figures, in the same transaction, with their event. Hiding a hidden review
// only updates the reason; unhiding a visible one changes nothing.
import { transaction } from "@shop/kit/transaction";
import { reviewNotFound } from "../domain/errors.ts";
import { publishRating } from "../events/rating.ts";
import { applyRating } from "../repo/ratings.ts";
import { setHidden, type ReviewRow } from "../repo/reviews.ts";
import type { Deps } from "./deps.ts";

async function setVisibility(d: Deps, reviewId: string, hidden: boolean, reason: string): Promise<ReviewRow> {
  return transaction(d.db, async (tx) => {
    const changed = await setHidden(tx, reviewId, hidden, reason);
    if (!changed) throw reviewNotFound(reviewId);
    const { before, after } = changed;
    if (before.hidden !== after.hidden) await publishRating(tx, await applyRating(tx, after.productId, after.rating, hidden ? -1 : 1));
    return after;
  });
}

export const hideReview = (d: Deps, reviewId: string, reason: string) => setVisibility(d, reviewId, true, reason);
export const unhideReview = (d: Deps, reviewId: string) => setVisibility(d, reviewId, false, "");
