// Reviews against the real review and product services and PostgreSQL: only a received line may be
// reviewed, once; the input's bounds; the rating figures reach the product, hidden reviews leave
// them; helpful marks count once per shopper.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { events, orderv1, reviewv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { rejectsWith, startReview, waitFor, type ReviewTest } from "./helpers.ts";

let t: ReviewTest;

before(async () => {
  t = await startReview();
});
after(() => t.close());

const photo = (n: number) => n.toString(16).padStart(64, "0");

/** A shopper with a COMPLETED order of a new product, recorded as reviewable. */
async function received() {
  const userId = v7();
  const { productId, skuId } = await t.makeProduct();
  const orderId = await t.orderReached(orderv1.OrderStatus.COMPLETED, userId, [{ productId, skuId }]);
  await t.reviewable(userId, orderId);
  return { userId, productId, skuId, orderId, as: await t.as(userId) };
}

const ratingOf = async (productId: string) => {
  const p = await t.catalog.getProduct({ productId });
  return [p.ratingAverage, p.ratingCount];
};

void describe("who may review", () => {
  void test("a line of no order, of an order not yet completed, or of someone else's order is refused and nothing is stored", async () => {
    const { productId, skuId } = await t.makeProduct();
    const me = v7();
    const as = await t.as(me);
    await rejectsWith(t.shopper.createReview({ orderId: v7(), skuId, rating: 5 }, as), Code.FailedPrecondition, "REVIEW_NOT_ALLOWED");
    const shipped = await t.orderReached(orderv1.OrderStatus.SHIPPED, me, [{ productId, skuId }]);
    const others = await t.orderReached(orderv1.OrderStatus.COMPLETED, v7(), [{ productId, skuId }]);
    // The events were seen (the later one is recorded) before asking about the earlier ones.
    await waitFor(
      "the other shopper's order is recorded",
      async () => (await t.sql("select 1 from reviewable_lines where order_id = $1", [others])).length || undefined,
    );
    await rejectsWith(t.shopper.createReview({ orderId: shipped, skuId, rating: 5 }, as), Code.FailedPrecondition, "REVIEW_NOT_ALLOWED");
    await rejectsWith(t.shopper.createReview({ orderId: others, skuId, rating: 5 }, as), Code.FailedPrecondition, "REVIEW_NOT_ALLOWED");
    assert.deepEqual(await t.sql("select id from reviews where product_id = $1", [productId]), []);
  });

  void test("one review per line, even asked five times at once; the line leaves my reviewable list", async () => {
    const r = await received();
    const calls = Array.from({ length: 5 }, (_, i) => t.shopper.createReview({ orderId: r.orderId, skuId: r.skuId, rating: 4, text: `take ${i}` }, r.as));
    const settled = await Promise.allSettled(calls);
    assert.equal(settled.filter((s) => s.status === "fulfilled").length, 1);
    await rejectsWith(t.shopper.createReview({ orderId: r.orderId, skuId: r.skuId, rating: 2 }, r.as), Code.AlreadyExists, "REVIEW_EXISTS");
    assert.deepEqual((await t.shopper.listReviewableLines({}, r.as)).lines, []);
    const mine = await t.shopper.listMyReviews({}, r.as);
    assert.deepEqual(
      mine.reviews.map((v) => [v.productId, v.rating, v.hidden]),
      [[r.productId, 4, false]],
    );
  });

  void test("a redelivered COMPLETED event records the lines once", async () => {
    const userId = v7();
    const { productId, skuId } = await t.makeProduct();
    const orderId = await t.orderReached(orderv1.OrderStatus.COMPLETED, userId, [{ productId, skuId }]);
    await t.orderReached(orderv1.OrderStatus.COMPLETED, userId, [{ productId, skuId }], orderId);
    await t.reviewable(userId, orderId);
    assert.equal((await t.shopper.listReviewableLines({}, await t.as(userId))).lines.length, 1);
  });
});

void describe("input bounds", () => {
  void test("rating outside 1..5, ten photos, a photo id not a sha256, nine ids of no file, too long a text: 400-class refusals, nothing stored", async () => {
    const r = await received();
    const line = { orderId: r.orderId, skuId: r.skuId };
    await rejectsWith(t.shopper.createReview({ ...line, rating: 0 }, r.as), Code.InvalidArgument);
    await rejectsWith(t.shopper.createReview({ ...line, rating: 6 }, r.as), Code.InvalidArgument);
    const ten = Array.from({ length: 10 }, (_, i) => photo(i));
    await rejectsWith(t.shopper.createReview({ ...line, rating: 5, photoIds: ten }, r.as), Code.InvalidArgument);
    await rejectsWith(t.shopper.createReview({ ...line, rating: 5, photoIds: ["../../etc/passwd"] }, r.as), Code.InvalidArgument);
    await rejectsWith(t.shopper.createReview({ ...line, rating: 5, photoIds: [photo(0xabcdef).toUpperCase()] }, r.as), Code.InvalidArgument);
    await rejectsWith(t.shopper.createReview({ ...line, rating: 5, text: "x".repeat(2001) }, r.as), Code.InvalidArgument);
    await rejectsWith(t.shopper.createReview({ ...line, rating: 5, photoIds: ten.slice(0, 9) }, r.as), Code.InvalidArgument, "REVIEW_PHOTO_NOT_OWNED");
    assert.deepEqual(await t.sql("select id from reviews where order_id = $1", [r.orderId]), []);
  });
});

void describe("ratings and moderation", () => {
  void test("the product's rating follows visible reviews; a hidden review leaves lists and rating, the author still sees it", async () => {
    const a = await received();
    const userB = v7();
    const orderB = await t.orderReached(orderv1.OrderStatus.COMPLETED, userB, [{ productId: a.productId, skuId: a.skuId }]);
    await t.reviewable(userB, orderB);
    const asB = await t.as(userB);
    await t.shopper.createReview({ orderId: a.orderId, skuId: a.skuId, rating: 5, text: "lovely" }, a.as);
    const bad = await t.shopper.createReview({ orderId: orderB, skuId: a.skuId, rating: 2, text: "spam spam" }, asB);
    await waitFor("rating 3.5 of 2", async () => ((await ratingOf(a.productId)).join() === "3.5,2" ? true : undefined));

    const hidden = await t.admin.hideReview({ reviewId: bad.id, reason: "spam" }, t.asAdmin);
    assert.equal(hidden.hidden, true);
    await waitFor("rating 5 of 1", async () => ((await ratingOf(a.productId)).join() === "5,1" ? true : undefined));
    const publicList = await t.reviews.listProductReviews({ productId: a.productId });
    assert.deepEqual(
      publicList.reviews.map((r) => [r.rating, r.userId]),
      [[5, ""]],
      "only the visible one, without its author",
    );
    const mine = await t.shopper.listMyReviews({}, asB);
    assert.deepEqual(
      mine.reviews.map((r) => [r.id, r.hidden, r.hiddenReason]),
      [[bad.id, true, "spam"]],
    );
    const hiddenOnes = await t.admin.listReviews({ visibility: reviewv1.ReviewVisibility.HIDDEN, productId: a.productId }, t.asAdmin);
    assert.deepEqual(
      hiddenOnes.reviews.map((r) => r.id),
      [bad.id],
    );
    // Hiding again changes no figure; unhiding puts it back.
    await t.admin.hideReview({ reviewId: bad.id, reason: "spam, really" }, t.asAdmin);
    await t.admin.unhideReview({ reviewId: bad.id }, t.asAdmin);
    await waitFor("rating 3.5 of 2 again", async () => ((await ratingOf(a.productId)).join() === "3.5,2" ? true : undefined));
    const [figures] = await t.sql<{ rating_sum: string; rating_count: number; version: string }>(
      "select rating_sum, rating_count, version from product_ratings where product_id = $1",
      [a.productId],
    );
    assert.deepEqual(figures, { rating_sum: "7", rating_count: 2, version: "4" });
    await rejectsWith(t.admin.hideReview({ reviewId: v7(), reason: "x" }, t.asAdmin), Code.NotFound, "REVIEW_NOT_FOUND");
    await rejectsWith(t.admin.hideReview({ reviewId: bad.id, reason: "x" }, a.as), Code.PermissionDenied);
  });

  void test("the product keeps the newest figures: an older version delivered late is ignored", async () => {
    const r = await received();
    await t.shopper.createReview({ orderId: r.orderId, skuId: r.skuId, rating: 3 }, r.as);
    await waitFor("rating 3 of 1", async () => ((await ratingOf(r.productId)).join() === "3,1" ? true : undefined));
    const figures = (sum: number, count: number, version: number) =>
      create(reviewv1.ProductRatingChangedSchema, { productId: r.productId, ratingSum: BigInt(sum), ratingCount: count, version: BigInt(version) });
    await t.publish(events.productRatingChanged, figures(9, 2, 3));
    await waitFor("version 3 applied", async () => ((await ratingOf(r.productId)).join() === "4.5,2" ? true : undefined));
    await t.publish(events.productRatingChanged, figures(1, 1, 2));
    await t.publish(events.productRatingChanged, figures(8, 2, 4));
    await waitFor("version 4 applied", async () => ((await ratingOf(r.productId)).join() === "4,2" ? true : undefined));
    assert.deepEqual(await ratingOf(r.productId), [4, 2], "version 2 came after version 3 and changed nothing");
  });
});

void describe("helpful", () => {
  void test("once per shopper, never one's own, most helpful first", async () => {
    const a = await received();
    const userB = v7();
    const orderB = await t.orderReached(orderv1.OrderStatus.COMPLETED, userB, [{ productId: a.productId, skuId: a.skuId }]);
    await t.reviewable(userB, orderB);
    const first = await t.shopper.createReview({ orderId: a.orderId, skuId: a.skuId, rating: 4 }, a.as);
    const second = await t.shopper.createReview({ orderId: orderB, skuId: a.skuId, rating: 5 }, await t.as(userB));
    const voter = await t.as(v7());
    assert.equal((await t.shopper.markReviewHelpful({ reviewId: first.id }, voter)).helpfulCount, 1);
    assert.equal((await t.shopper.markReviewHelpful({ reviewId: first.id }, voter)).helpfulCount, 1, "once per shopper");
    assert.equal((await t.shopper.markReviewHelpful({ reviewId: first.id }, await t.as(userB))).helpfulCount, 2);
    await rejectsWith(t.shopper.markReviewHelpful({ reviewId: first.id }, a.as), Code.FailedPrecondition, "REVIEW_OWN");
    await rejectsWith(t.shopper.markReviewHelpful({ reviewId: v7() }, voter), Code.NotFound, "REVIEW_NOT_FOUND");

    const newest = await t.reviews.listProductReviews({ productId: a.productId });
    assert.deepEqual(
      newest.reviews.map((r) => r.id),
      [second.id, first.id],
    );
    const helpful = await t.reviews.listProductReviews({ productId: a.productId, sort: reviewv1.ReviewSort.MOST_HELPFUL, pageSize: 1 });
    assert.deepEqual(
      helpful.reviews.map((r) => [r.id, r.helpfulCount]),
      [[first.id, 2]],
    );
    const next = await t.reviews.listProductReviews({
      productId: a.productId,
      sort: reviewv1.ReviewSort.MOST_HELPFUL,
      pageSize: 1,
      pageToken: helpful.nextPageToken,
    });
    assert.deepEqual(
      next.reviews.map((r) => r.id),
      [second.id],
    );
    assert.equal(next.nextPageToken, "");
    await rejectsWith(t.reviews.listProductReviews({ productId: a.productId, pageToken: helpful.nextPageToken }), Code.InvalidArgument, "INVALID_PAGE_TOKEN");
    // A cursor key of the right type but beyond any count is a page past the end, not a failed cast.
    const [fingerprint, , id] = JSON.parse(Buffer.from(helpful.nextPageToken, "base64url").toString()) as [string, number, string];
    const far = Buffer.from(JSON.stringify([fingerprint, 2 ** 40, id])).toString("base64url");
    const past = await t.reviews.listProductReviews({ productId: a.productId, sort: reviewv1.ReviewSort.MOST_HELPFUL, pageToken: far });
    assert.deepEqual(
      past.reviews.map((r) => r.id),
      [first.id, second.id],
      "every count is below 2^40",
    );
  });
});
