// Reviews through the gateway, against every real service: a shopper's order paid, shipped and
// received; its lines become reviewable; reviews change the products' ratings on their pages and
// in a list sorted by rating; a photo the shopper uploaded goes with a review (another's is refused);
// others mark a review helpful; an admin hides one and its rating goes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import sharp from "sharp";
import { createSku, orderReaches, payOnSandbox, placeOrder, shopper, startShop, type Shop } from "./checkout-shop.ts";

let shop: Shop;

before(async () => {
  shop = await startShop();
});

after(async () => {
  await shop?.stack.stop();
});

type Line = { orderId: string; skuId: string; productId: string };

/** A new PNG uploaded through the gateway as a review photo, as the storefront sends it (raw bytes). */
async function uploadPhoto(token: string, background: string): Promise<string> {
  const data = await sharp({ create: { width: 8, height: 8, channels: 3, background } })
    .png()
    .toBuffer();
  const res = await fetch(`http://127.0.0.1:${shop.stack.gateway.httpPort}/api/v1/files?purpose=review`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "image/png" },
    body: data,
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { file: { id: string } }).file.id;
}

void test("order received → reviewable → reviewed → rating on the product and in a top-rated list → hidden by an admin", async () => {
  const { call, adminToken } = shop;
  const a = await createSku(shop, 5, 2000);
  const b = await createSku(shop, 5, 3000);
  const me = await shopper(call);
  for (const { skuId } of [a, b]) assert.equal((await call("POST", "/api/v1/cart/items", { token: me.access, body: { skuId, quantity: 1 } })).status, 200);
  const placed = await placeOrder(call, me);
  assert.equal(placed.status, 200, placed.text);
  const orderId = placed.json.id as string;

  // Not received yet: nothing to review.
  const early = await call("POST", "/api/v1/reviews", { token: me.access, body: { orderId, skuId: a.skuId, rating: 5 } });
  assert.equal(early.status, 400, early.text);
  assert.equal((early.json.details as { reason: string }).reason, "REVIEW_NOT_ALLOWED");

  await payOnSandbox(shop, me, orderId);
  await orderReaches(call, me, orderId, "ORDER_STATUS_PAID");
  const shipped = await call("POST", `/api/v1/admin/orders/${orderId}/ship`, { token: adminToken, body: { carrier: "DHL", trackingNumber: "RV0001" } });
  assert.equal(shipped.status, 200, shipped.text);
  const done = await call("POST", `/api/v1/orders/${orderId}/confirm-receipt`, { token: me.access, body: {} });
  assert.equal(done.status, 200, done.text);

  const lines = await waitFor("both lines reviewable", async () => {
    const res = await call("GET", "/api/v1/reviews/reviewable", { token: me.access });
    const found = (res.json.lines ?? []) as Line[];
    return found.length === 2 ? found : undefined;
  });
  assert.deepEqual(lines.map((l) => l.productId).sort(), [a.productId, b.productId].sort());

  const photo = await uploadPhoto(me.access, "#f00");
  const notMine = await uploadPhoto((await shopper(call)).access, "#0f0");
  for (const photoIds of [[notMine], ["ab".repeat(32)]]) {
    const refused = await call("POST", "/api/v1/reviews", { token: me.access, body: { orderId, skuId: a.skuId, rating: 5, photoIds } });
    assert.equal(refused.status, 400, refused.text);
    assert.equal((refused.json.details as { reason: string }).reason, "REVIEW_PHOTO_NOT_OWNED");
  }
  const review = { orderId, skuId: a.skuId, rating: 5, text: "Pours well", photoIds: [photo] };
  const created = await call("POST", "/api/v1/reviews", { token: me.access, body: review, headers: { "idempotency-key": "review-a" } });
  assert.equal(created.status, 200, created.text);
  const again = await call("POST", "/api/v1/reviews", { token: me.access, body: review, headers: { "idempotency-key": "review-a" } });
  assert.equal(again.json.id, created.json.id, "the same key answers the same review");
  const twice = await call("POST", "/api/v1/reviews", { token: me.access, body: { ...review, rating: 1 } });
  assert.equal(twice.status, 409, twice.text);
  const tooHigh = await call("POST", "/api/v1/reviews", { token: me.access, body: { orderId, skuId: b.skuId, rating: 9 } });
  assert.equal(tooHigh.status, 400, tooHigh.text);
  const ofB = await call("POST", "/api/v1/reviews", { token: me.access, body: { orderId, skuId: b.skuId, rating: 3 } });
  assert.equal(ofB.status, 200, ofB.text);
  assert.deepEqual((await call("GET", "/api/v1/reviews/reviewable", { token: me.access })).json.lines ?? [], []);

  await waitFor("product A rated 5 of 1", async () => {
    const res = await call("GET", `/api/v1/products/${a.productId}`);
    return res.json.ratingAverage === 5 && res.json.ratingCount === 1 ? true : undefined;
  });
  await waitFor("the top-rated list puts A before B", async () => {
    const res = await call("GET", `/api/v1/products?category_id=${shop.categoryId}&sort=PRODUCT_SORT_TOP_RATED`);
    const ids = (res.json.products as { id: string }[]).map((p) => p.id);
    return ids[0] === a.productId && ids[1] === b.productId ? true : undefined;
  });
  await waitFor("search sorted by rating puts A before B", async () => {
    const res = await call("GET", `/api/v1/search?q=teapot&sort=PRODUCT_SORT_TOP_RATED&category_id=${shop.categoryId}`);
    const ids = ((res.json.hits ?? []) as { product: { id: string } }[]).map((h) => h.product.id);
    return ids[0] === a.productId && ids[1] === b.productId ? true : undefined;
  });
  const fourUp = await call("GET", `/api/v1/products?category_id=${shop.categoryId}&min_rating=4`);
  assert.deepEqual(
    (fourUp.json.products as { id: string }[]).map((p) => p.id),
    [a.productId],
  );

  const publicList = await call("GET", `/api/v1/products/${a.productId}/reviews`);
  assert.equal(publicList.status, 200, publicList.text);
  assert.match(publicList.headers.get("cache-control") ?? "", /public/);
  type Photo = { id: string; url: string; thumbnailUrl: string };
  const [shown] = publicList.json.reviews as { id: string; text: string; photoIds: string[]; photos: Photo[]; userId?: string }[];
  assert.deepEqual([shown!.id, shown!.text, shown!.photoIds, shown!.userId ?? ""], [created.json.id, "Pours well", [photo], ""]);
  assert.deepEqual(shown!.photos, [{ id: photo, url: `/files/${photo}.png`, thumbnailUrl: `/files/${photo}-160.webp` }]);
  const thumbnail = await call("GET", shown!.photos[0]!.thumbnailUrl);
  assert.equal(thumbnail.status, 200);
  assert.equal(thumbnail.headers.get("content-type"), "image/webp");

  const other = await shopper(call);
  const helpful = await call("POST", `/api/v1/reviews/${created.json.id as string}/helpful`, { token: other.access, body: {} });
  assert.equal(helpful.status, 200, helpful.text);
  assert.equal(helpful.json.helpfulCount, 1);
  assert.equal((await call("POST", "/api/v1/reviews", { token: other.access, body: { orderId, skuId: a.skuId, rating: 1 } })).status, 400, "not their order");
  assert.equal((await call("GET", "/api/v1/admin/reviews", { token: other.access })).status, 403);

  const hidden = await call("POST", `/api/v1/admin/reviews/${ofB.json.id as string}/hide`, { token: adminToken, body: { reason: "off topic" } });
  assert.equal(hidden.status, 200, hidden.text);
  await waitFor("product B has no rating left", async () => {
    const res = await call("GET", `/api/v1/products/${b.productId}`);
    return (res.json.ratingCount ?? 0) === 0 ? true : undefined;
  });
  const hiddenList = await call("GET", "/api/v1/admin/reviews?visibility=REVIEW_VISIBILITY_HIDDEN", { token: adminToken });
  assert.deepEqual(
    (hiddenList.json.reviews as { id: string; hiddenReason: string }[]).map((r) => [r.id, r.hiddenReason]),
    [[ofB.json.id, "off topic"]],
  );
  const mine = await call("GET", "/api/v1/reviews/mine", { token: me.access });
  assert.deepEqual(
    (mine.json.reviews as { productId: string; hidden?: boolean }[]).map((r) => [r.productId, r.hidden ?? false]),
    [
      [b.productId, true],
      [a.productId, false],
    ],
  );
});
