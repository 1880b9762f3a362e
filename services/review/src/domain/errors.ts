// The review service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

/** No COMPLETED order of this shopper holds the line: not bought, not received, or someone else's. */
export const reviewNotAllowed = (orderId: string, skuId: string) =>
  new AppError("failed_precondition", "REVIEW_NOT_ALLOWED", "only a line of one of your completed orders can be reviewed", {
    metadata: { orderId, skuId },
  });
export const reviewExists = (orderId: string, skuId: string) =>
  new AppError("already_exists", "REVIEW_EXISTS", "this order line has already been reviewed", { metadata: { orderId, skuId } });
export const reviewNotFound = (reviewId: string) => new AppError("not_found", "REVIEW_NOT_FOUND", "no such review", { metadata: { reviewId } });
export const ownReview = (reviewId: string) =>
  new AppError("failed_precondition", "REVIEW_OWN", "you cannot mark your own review helpful", { metadata: { reviewId } });
export const photoNotOwned = (photoId: string) =>
  new AppError("invalid_argument", "REVIEW_PHOTO_NOT_OWNED", "a review photo must be an image you uploaded for a review", { metadata: { photoId } });
export const fileUnavailable = () =>
  new AppError("unavailable", "FILE_UNAVAILABLE", "the file service did not answer: try again shortly", { retryAfterSeconds: 1 });
