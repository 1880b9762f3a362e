// Quotes with coupons: the coupon service (a test double) judges the shopper's coupons against the
// priced lines; the quote proposes the best, applies the one asked for, or none, and still answers
// without coupons when the coupon service is down.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { rejectsWith, startOrder, type OrderTest } from "./helpers.ts";

void describe("order: quotes with coupons", () => {
  let t: OrderTest;
  let userId: string;
  let c500: string, c800: string, usd: string;
  let shirt: string, socks: string;
  before(async () => {
    t = await startOrder({ env: { SHOP_ORDER_SHIPPING_FEE_MINOR: "1000", SHOP_ORDER_FREE_SHIPPING_FROM_MINOR: "0" } });
    [shirt, socks] = [await t.makeSku(2500), await t.makeSku(450)];
    ({ userId } = t.shopperWith([
      { skuId: shirt, quantity: 2 },
      { skuId: socks, quantity: 3 },
    ]));
    c500 = t.coupons.give(userId, 500, { name: "Five off" });
    c800 = t.coupons.give(userId, 800, { name: "Eight off" });
    usd = t.coupons.give(userId, 300, { currency: "USD" });
  });
  after(() => t?.close());

  void it("proposes and applies the best coupon, its shares on the lines adding up to the discount", async () => {
    const q = await t.shopper.quoteOrder({}, await t.as(userId));
    assert.deepEqual(
      q.coupons.map((c) => [c.userCouponId, c.name, c.applicable, c.reason, c.discountMinor]),
      [
        [c800, "Eight off", true, "", 800n],
        [c500, "Five off", true, "", 500n],
        [usd, "Coupon", false, "CURRENCY_MISMATCH", 0n],
      ],
    );
    assert.deepEqual([q.bestUserCouponId, q.appliedUserCouponId], [c800, c800]);
    assert.deepEqual([q.subtotalMinor, q.shippingFeeMinor, q.discountMinor, q.totalMinor], [6350n, 1000n, 800n, 6550n]);
    // 800 over 5000 and 1350: 629.9 and 170.1, the remainder to the larger fraction.
    assert.deepEqual(
      q.lines.map((l) => [l.skuId, l.discountMinor]),
      [
        [shirt, 630n],
        [socks, 170n],
      ],
    );
    const sent = t.coupons.calls.evaluate.at(-1)!;
    assert.ok(
      sent.every((l) => l.productId && l.categoryId && l.subtotalMinor > 0n),
      "lines go with their product and category",
    );
  });

  void it("applies the coupon asked for, and refuses one that does not apply or is not mine", async () => {
    const q = await t.shopper.quoteOrder({ userCouponId: c500 }, await t.as(userId));
    assert.deepEqual([q.bestUserCouponId, q.appliedUserCouponId, q.discountMinor, q.totalMinor], [c800, c500, 500n, 6850n]);
    await rejectsWith(t.shopper.quoteOrder({ userCouponId: usd }, await t.as(userId)), Code.FailedPrecondition, "COUPON_NOT_APPLICABLE");
    const { userId: other } = t.shopperWith([{ skuId: shirt, quantity: 1 }]);
    await rejectsWith(t.shopper.quoteOrder({ userCouponId: c800 }, await t.as(other)), Code.FailedPrecondition, "COUPON_NOT_APPLICABLE");
  });

  void it("without_coupon lists the coupons and applies none", async () => {
    const q = await t.shopper.quoteOrder({ withoutCoupon: true }, await t.as(userId));
    assert.deepEqual([q.coupons.length, q.bestUserCouponId, q.appliedUserCouponId, q.discountMinor, q.totalMinor], [3, c800, "", 0n, 7350n]);
    assert.ok(q.lines.every((l) => l.discountMinor === 0n));
  });

  void it("answers without coupons while the coupon service is down", async () => {
    t.coupons.down = true;
    try {
      const q = await t.shopper.quoteOrder({}, await t.as(userId));
      assert.deepEqual([q.coupons.length, q.bestUserCouponId, q.appliedUserCouponId, q.discountMinor, q.totalMinor], [0, "", "", 0n, 7350n]);
    } finally {
      t.coupons.down = false;
    }
  });
});
