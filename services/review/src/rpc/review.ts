// ReviewService (the signed-in shopper's) and ProductReviewService (anyone's): the kit's
// interceptors have checked access (the proto's option) and input; CreateReview and
// MarkReviewHelpful honour an Idempotency-Key through the kit's guard.
import type { ServiceImpl } from "@connectrpc/connect";
import type { reviewv1 } from "@shop/contracts";
import { createReview } from "../usecases/create-review.ts";
import type { Deps } from "../usecases/deps.ts";
import { markHelpful } from "../usecases/helpful.ts";
import { listProductReviews, listReviewable, listReviewPage } from "../usecases/lists.ts";
import { callerOf, sortOf, toLine, toReview } from "./mapping.ts";

export function reviewService(d: Deps): ServiceImpl<typeof reviewv1.ReviewService> {
  return {
    async createReview(req, ctx) {
      const { orderId, skuId, rating, text, photoIds } = req;
      return toReview(await createReview(d, callerOf(ctx), { orderId, skuId, rating, text, photoIds }));
    },
    async markReviewHelpful(req, ctx) {
      return toReview(await markHelpful(d, callerOf(ctx), req.reviewId));
    },
    async listMyReviews(req, ctx) {
      const page = await listReviewPage(d, { userId: callerOf(ctx), pageSize: req.pageSize, pageToken: req.pageToken });
      return { reviews: page.items.map((r) => toReview(r)), nextPageToken: page.nextPageToken };
    },
    async listReviewableLines(req, ctx) {
      const page = await listReviewable(d, callerOf(ctx), { pageSize: req.pageSize, pageToken: req.pageToken });
      return { lines: page.items.map(toLine), nextPageToken: page.nextPageToken };
    },
  };
}

export function productReviewService(d: Deps): ServiceImpl<typeof reviewv1.ProductReviewService> {
  return {
    async listProductReviews(req) {
      const page = await listProductReviews(d, { productId: req.productId, sort: sortOf(req.sort), pageSize: req.pageSize, pageToken: req.pageToken });
      return { reviews: page.items.map((r) => toReview(r, true)), nextPageToken: page.nextPageToken };
    },
  };
}
