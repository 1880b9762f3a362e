// A review's photos against the real file, review and product services: only images the shopper
// uploaded for a review are taken, and their URLs come back with the review, in every list; a file
// service that does not answer refuses the review and stores nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@connectrpc/connect";
import { filev1, orderv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { rejectsWith, startReview, type ReviewTest } from "./helpers.ts";

let t: ReviewTest;

before(async () => {
  t = await startReview();
});
after(() => t.close());

/** A shopper with a COMPLETED order of a new product, recorded as reviewable. */
async function received() {
  const userId = v7();
  const { productId, skuId } = await t.makeProduct();
  const orderId = await t.orderReached(orderv1.OrderStatus.COMPLETED, userId, [{ productId, skuId }]);
  await t.reviewable(userId, orderId);
  return { userId, productId, line: { orderId, skuId }, as: await t.as(userId) };
}

const stored = async (orderId: string) => t.sql("select id from reviews where order_id = $1", [orderId]);

void describe("review photos", () => {
  void test("nine of my review uploads are kept in order, with their original and thumbnail URLs, in every list", async () => {
    const r = await received();
    const uploaded = [];
    for (let i = 0; i < 9; i++) uploaded.push(await t.upload(r.userId));
    const ids = uploaded.map((f) => f.id).reverse();
    const review = await t.shopper.createReview({ ...r.line, rating: 5, photoIds: ids }, r.as);
    const expected = ids.map((id) => ({ id, url: `/files/${id}.png`, thumbnailUrl: `/files/${id}-160.webp` }));
    const urls = (photos: { id: string; url: string; thumbnailUrl: string }[]) => photos.map(({ id, url, thumbnailUrl }) => ({ id, url, thumbnailUrl }));
    assert.deepEqual(review.photoIds, ids);
    assert.deepEqual(urls(review.photos), expected);
    const [shown] = (await t.reviews.listProductReviews({ productId: r.productId })).reviews;
    assert.deepEqual(urls(shown!.photos), expected, "the public list carries the URLs");
    const [mine] = (await t.shopper.listMyReviews({}, r.as)).reviews;
    assert.deepEqual(urls(mine!.photos), expected);
  });

  void test("another shopper's upload, my upload for a product or an unknown id is REVIEW_PHOTO_NOT_OWNED, nothing stored", async () => {
    const r = await received();
    const mine = await t.upload(r.userId);
    const theirs = await t.upload(v7());
    const forProduct = await t.upload(r.userId, filev1.Purpose.PRODUCT);
    for (const bad of [theirs.id, forProduct.id, "0".repeat(64)]) {
      await rejectsWith(t.shopper.createReview({ ...r.line, rating: 4, photoIds: [mine.id, bad] }, r.as), Code.InvalidArgument, "REVIEW_PHOTO_NOT_OWNED");
    }
    assert.deepEqual(await stored(r.line.orderId), []);
    const review = await t.shopper.createReview({ ...r.line, rating: 4, photoIds: [mine.id] }, r.as);
    assert.deepEqual(review.photoIds, [mine.id]);
  });

  void test("without photos the file service is not needed; with photos and no file service: UNAVAILABLE, nothing stored", async () => {
    const r = await received();
    const other = await received();
    const photo = await t.upload(r.userId);
    await t.stopFiles();
    await rejectsWith(t.shopper.createReview({ ...r.line, rating: 3, photoIds: [photo.id] }, r.as), Code.Unavailable, "FILE_UNAVAILABLE");
    assert.deepEqual(await stored(r.line.orderId), []);
    const plain = await t.shopper.createReview({ ...other.line, rating: 3 }, other.as);
    assert.deepEqual(plain.photos, []);
  });
});
