// The review lists, each one keyset page at a time with the kit's page tokens: a product's visible
// reviews (newest or most helpful first), the author's own, the admins', and a shopper's lines
// still to review.
import { AppError } from "@shop/kit/errors";
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import { pageSizeOf, type ReviewSort, type Visibility } from "../domain/listing.ts";
import { unreviewedLines, type LineRow } from "../repo/lines.ts";
import { listReviews, productReviews, type ReviewRow } from "../repo/reviews.ts";
import type { Deps } from "./deps.ts";

export interface Page<T> {
  items: T[];
  nextPageToken: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `rows` holds one more than a page when there is a next one. */
function paged<T>(rows: T[], limit: number, token: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextPageToken: rows.length > limit && last ? token(last) : "" };
}

export async function listProductReviews(d: Deps, q: { productId: string; sort: ReviewSort; pageSize: number; pageToken: string }): Promise<Page<ReviewRow>> {
  const limit = pageSizeOf(q.pageSize);
  const fingerprint = queryFingerprint({ productId: q.productId, sort: q.sort });
  const after = decodePageToken(q.pageToken, fingerprint, q.sort === "newest" ? "string" : "integer");
  const rows = await productReviews(d.db, q.productId, q.sort, after, limit + 1);
  return paged(rows, limit, (last) => encodePageToken(fingerprint, { key: q.sort === "newest" ? "" : last.helpfulCount, id: last.id }));
}

/** The author's reviews (`userId`), or every review for admins, newest first. */
export async function listReviewPage(
  d: Deps,
  q: { userId?: string; productId?: string; visibility?: Visibility; pageSize: number; pageToken: string },
): Promise<Page<ReviewRow>> {
  const limit = pageSizeOf(q.pageSize);
  const fingerprint = queryFingerprint({ userId: q.userId ?? null, productId: q.productId ?? null, visibility: q.visibility ?? null });
  const after = decodePageToken(q.pageToken, fingerprint, "string");
  const rows = await listReviews(d.db, { userId: q.userId, productId: q.productId, visibility: q.visibility, beforeId: after?.id, limit: limit + 1 });
  return paged(rows, limit, (last) => encodePageToken(fingerprint, { key: "", id: last.id }));
}

export async function listReviewable(d: Deps, userId: string, q: { pageSize: number; pageToken: string }): Promise<Page<LineRow>> {
  const limit = pageSizeOf(q.pageSize);
  const fingerprint = queryFingerprint({ reviewable: userId });
  const after = decodePageToken(q.pageToken, fingerprint, "string");
  // The cursor's key is the last line's SKU id: it meets a uuid cast in SQL, so it must be one.
  if (after && !uuid.test(String(after.key))) {
    throw new AppError("invalid_argument", "INVALID_PAGE_TOKEN", "page_token is not one this service issued for this query", {
      violations: [{ field: "pageToken", message: "not a token from a previous page of the same query" }],
    });
  }
  const rows = await unreviewedLines(d.db, userId, { after: after && { orderId: after.id, skuId: String(after.key) }, limit: limit + 1 });
  return paged(rows, limit, (last) => encodePageToken(fingerprint, { key: last.skuId, id: last.orderId }));
}
