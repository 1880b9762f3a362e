// coupon.expiring: each claimed, unused coupon whose end comes within the window is announced once
// (through the outbox), a coupon ending later is not.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { fromBinary } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { couponv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { startCoupon, waitFor, type CouponTest } from "./helpers.ts";

let t: CouponTest;
const hour = 3_600_000;

before(async () => {
  t = await startCoupon({ SHOP_COUPON_EXPIRING_SCAN_SECONDS: "1", SHOP_COUPON_EXPIRING_WINDOW_HOURS: "24" });
});

after(async () => {
  await t?.close();
});

async function announced(): Promise<couponv1.CouponExpiring[]> {
  const rows = await t.sql<{ payload: Buffer }>("select payload from kit_outbox where topic = 'coupon.expiring' order by seq");
  return rows.map((r) => fromBinary(couponv1.CouponExpiringSchema, r.payload));
}

void test("each unused coupon ending within the window is announced once; one ending later is not", async () => {
  const soon = await t.makeTemplate({ name: "Ends soon", validUntil: new Date(Date.now() + 2 * hour) });
  const later = await t.makeTemplate({ name: "Ends later", validUntil: new Date(Date.now() + 48 * hour) });
  const alice = v7();
  const mine = await t.shopper.claimCoupon({ templateId: soon.id }, await t.as(alice));
  await t.shopper.claimCoupon({ templateId: later.id }, await t.as(alice));

  const [first] = await waitFor("alice's coupon is announced", async () => {
    const all = await announced();
    return all.length ? all : undefined;
  });
  assert.equal(first!.userCouponId, mine.id);
  assert.equal(first!.userId, alice);
  assert.equal(first!.templateId, soon.id);
  assert.equal(first!.name, "Ends soon");
  assert.equal(timestampDate(first!.validUntil!).getTime(), timestampDate(soon.validUntil!).getTime());

  // Later rounds announce a new claim, and alice's coupon no more.
  const bob = v7();
  const bobs = await t.shopper.claimCoupon({ templateId: soon.id }, await t.as(bob));
  await waitFor("bob's coupon is announced", async () => (await announced()).some((e) => e.userCouponId === bobs.id));
  assert.deepEqual(
    (await announced()).map((e) => e.userCouponId),
    [mine.id, bobs.id],
  );
  const marked = await t.sql<{ id: string }>("select id from user_coupons where expiry_notified_at is not null order by id");
  assert.deepEqual(
    marked.map((r) => r.id),
    [mine.id, bobs.id].sort(),
  );
});
