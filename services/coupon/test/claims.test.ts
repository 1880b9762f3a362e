// Claiming coupons against the real service and PostgreSQL: the total and the per-user limit hold
// under parallel claims, the window and an early end are respected, the shopper's lists.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { couponv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import { v7 } from "uuid";
import { rejectsWith, startCoupon, type CouponTest } from "./helpers.ts";

const hour = 3_600_000;
let t: CouponTest;

before(async () => {
  t = await startCoupon();
});
after(() => t.close());

/** The reasons of the calls that failed, counted, and how many succeeded. */
async function outcomes(calls: Promise<unknown>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of await Promise.allSettled(calls)) {
    const key = r.status === "fulfilled" ? "claimed" : (errorDetailOf(ConnectError.from(r.reason))?.reason ?? String(r.reason));
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

void describe("claims under concurrency", () => {
  void test("200 shoppers at once for 50 coupons: exactly 50 claimed, 150 sold out", async () => {
    const template = await t.makeTemplate({ totalQuantity: 50 });
    const shoppers = await Promise.all(Array.from({ length: 200 }, () => t.as(v7())));
    const counts = await outcomes(shoppers.map((as) => t.shopper.claimCoupon({ templateId: template.id }, as)));
    assert.deepEqual(counts, { claimed: 50, COUPON_SOLD_OUT: 150 });
    const [row] = await t.sql<{ claimed_count: number; coupons: string }>(
      "select claimed_count, (select count(*) from user_coupons where template_id = $1) as coupons from coupon_templates where id = $1",
      [template.id],
    );
    assert.deepEqual(row, { claimed_count: 50, coupons: "50" });
    const admin = await t.admin.getCouponTemplate({ templateId: template.id }, t.asAdmin);
    assert.equal(admin.claimedCount, 50);
  });

  void test("one shopper's parallel claims over a limit of 2: exactly 2", async () => {
    const template = await t.makeTemplate({ totalQuantity: 100, perUserLimit: 2 });
    const me = await t.as(v7());
    const counts = await outcomes(Array.from({ length: 20 }, () => t.shopper.claimCoupon({ templateId: template.id }, me)));
    assert.deepEqual(counts, { claimed: 2, COUPON_LIMIT_REACHED: 18 });
    const mine = await t.shopper.listMyCoupons({}, me);
    assert.equal(mine.coupons.length, 2);
    assert.equal((await t.admin.getCouponTemplate({ templateId: template.id }, t.asAdmin)).claimedCount, 2, "refused claims counted nothing");
  });
});

void describe("when a template may be claimed", () => {
  void test("before valid_from and after an early end: COUPON_NOT_ACTIVE; an unknown template: NOT_FOUND", async () => {
    const me = await t.as(v7());
    const later = await t.makeTemplate({ validFrom: new Date(Date.now() + hour), validUntil: new Date(Date.now() + 2 * hour) });
    assert.equal(later.status, couponv1.TemplateStatus.SCHEDULED);
    await rejectsWith(t.shopper.claimCoupon({ templateId: later.id }, me), Code.FailedPrecondition, "COUPON_NOT_ACTIVE");

    const ending = await t.makeTemplate();
    await t.shopper.claimCoupon({ templateId: ending.id }, me);
    const ended = await t.admin.endCouponTemplate({ templateId: ending.id }, t.asAdmin);
    assert.equal(ended.status, couponv1.TemplateStatus.ENDED);
    assert.ok(ended.endedAt);
    const again = await t.admin.endCouponTemplate({ templateId: ending.id }, t.asAdmin);
    assert.deepEqual(again.endedAt, ended.endedAt, "ending twice keeps the first end");
    await rejectsWith(t.shopper.claimCoupon({ templateId: ending.id }, await t.as(v7())), Code.FailedPrecondition, "COUPON_NOT_ACTIVE");
    const mine = await t.shopper.listMyCoupons({ status: couponv1.UserCouponStatus.AVAILABLE }, me);
    assert.ok(
      mine.coupons.some((c) => c.template?.id === ending.id),
      "a coupon claimed before the end stays usable",
    );
    await rejectsWith(t.shopper.claimCoupon({ templateId: v7() }, me), Code.NotFound, "COUPON_TEMPLATE_NOT_FOUND");
  });

  void test("a retried claim with the same Idempotency-Key answers the same coupon", async () => {
    const template = await t.makeTemplate({ perUserLimit: 3 });
    const userId = v7();
    const first = await t.shopper.claimCoupon({ templateId: template.id }, await t.as(userId, "claim-1"));
    const retry = await t.shopper.claimCoupon({ templateId: template.id }, await t.as(userId, "claim-1"));
    assert.equal(retry.id, first.id);
    const other = await t.shopper.claimCoupon({ templateId: template.id }, await t.as(userId, "claim-2"));
    assert.notEqual(other.id, first.id);
    assert.equal((await t.shopper.listMyCoupons({}, await t.as(userId))).coupons.length, 2);
  });
});

void describe("the shopper's lists", () => {
  void test("claimable: active templates with some left for me, and how many", async () => {
    const userId = v7();
    const me = await t.as(userId);
    const two = await t.makeTemplate({ perUserLimit: 2, totalQuantity: 5 });
    const one = await t.makeTemplate({ perUserLimit: 1 });
    const scheduled = await t.makeTemplate({ validFrom: new Date(Date.now() + hour) });
    await t.shopper.claimCoupon({ templateId: two.id }, me);
    await t.shopper.claimCoupon({ templateId: one.id }, me);
    const { coupons } = await t.shopper.listClaimableCoupons({}, me);
    const ids = coupons.map((c) => c.template!.id);
    assert.ok(!ids.includes(one.id), "my limit reached");
    assert.ok(!ids.includes(scheduled.id), "not active yet");
    const mine = coupons.find((c) => c.template!.id === two.id)!;
    assert.deepEqual([mine.claimedByMe, mine.leftForMe, mine.template!.claimedCount], [1, 1, 0]);
  });

  void test("mine: newest first, by status (EXPIRED derived), page by page", async () => {
    const userId = v7();
    const me = await t.as(userId);
    const template = await t.makeTemplate({ perUserLimit: 3 });
    const claimed = [];
    for (let i = 0; i < 3; i++) claimed.push(await t.shopper.claimCoupon({ templateId: template.id }, me));
    const first = await t.shopper.listMyCoupons({ pageSize: 2 }, me);
    assert.deepEqual(
      first.coupons.map((c) => c.id),
      [claimed[2]!.id, claimed[1]!.id],
    );
    const second = await t.shopper.listMyCoupons({ pageSize: 2, pageToken: first.nextPageToken }, me);
    assert.deepEqual(
      second.coupons.map((c) => c.id),
      [claimed[0]!.id],
    );
    assert.equal(second.nextPageToken, "");

    await t.sql("update coupon_templates set valid_from = now() - interval '2 days', valid_until = now() - interval '1 second' where id = $1", [template.id]);
    const expired = await t.shopper.listMyCoupons({ status: couponv1.UserCouponStatus.EXPIRED }, me);
    assert.equal(expired.coupons.length, 3);
    assert.ok(expired.coupons.every((c) => c.status === couponv1.UserCouponStatus.EXPIRED));
    assert.equal((await t.shopper.listMyCoupons({ status: couponv1.UserCouponStatus.AVAILABLE }, me)).coupons.length, 0);
    await rejectsWith(
      t.shopper.listMyCoupons({ status: couponv1.UserCouponStatus.USED, pageToken: first.nextPageToken }, me),
      Code.InvalidArgument,
      "INVALID_PAGE_TOKEN",
    );
  });
});
