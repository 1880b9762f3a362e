// AdminReviewService: every review, and hiding or showing one again (ACCESS_ADMIN, checked by the kit).
import type { ServiceImpl } from "@connectrpc/connect";
import type { reviewv1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { listReviewPage } from "../usecases/lists.ts";
import { hideReview, unhideReview } from "../usecases/moderate.ts";
import { toReview, visibilityOf } from "./mapping.ts";

export function adminReviewService(d: Deps): ServiceImpl<typeof reviewv1.AdminReviewService> {
  return {
    async listReviews(req) {
      const page = await listReviewPage(d, {
        productId: req.productId || undefined,
        visibility: visibilityOf(req.visibility),
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
      return { reviews: page.items.map((r) => toReview(r)), nextPageToken: page.nextPageToken };
    },
    async hideReview(req) {
      return toReview(await hideReview(d, req.reviewId, req.reason));
    },
    async unhideReview(req) {
      return toReview(await unhideReview(d, req.reviewId));
    },
  };
}
