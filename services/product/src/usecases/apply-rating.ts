// The review service's figures for a product (review.product_rating_changed): stored when newer
// than the product's, ignored when older (out-of-order delivery); a stored one publishes
// product.changed (RATING_CHANGED), which refreshes its search document and drops every
// instance's cached copy, as any other change does.
import type { reviewv1 } from "@shop/contracts";
import type { Tx } from "@shop/kit/db";
import { publishProductChanged } from "../events/publish.ts";
import { setRating } from "../repo/products.ts";
import { skusOf } from "../repo/skus.ts";

export async function applyRating(tx: Tx, e: reviewv1.ProductRatingChanged): Promise<void> {
  const product = await setRating(tx, { productId: e.productId, sum: Number(e.ratingSum), count: e.ratingCount, version: Number(e.version) });
  if (!product) return; // an older figure, or a product deleted since
  const skus = await skusOf(tx, [product.id]);
  await publishProductChanged(
    tx,
    product,
    "rating_changed",
    skus.map((s) => s.id),
  );
}
