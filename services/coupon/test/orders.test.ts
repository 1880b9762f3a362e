// The order service's side: coupons judged against priced lines, locked by an order, released, and
// used or given back when the order's status changes on the bus.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { couponv1, events, orderv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { rejectsWith, startCoupon, waitFor, type CouponTest } from "./helpers.ts";

const { CouponKind: Kind, CouponScope: Scope } = couponv1;
let t: CouponTest;

before(async () => {
  t = await startCoupon();
});
after(() => t.close());

/** A new shopper holding one coupon of each template; returns the user id and the coupon ids in order. */
async function shopperWith(templates: couponv1.CouponTemplate[]): Promise<{ userId: string; coupons: string[] }> {
  const userId = v7();
  const as = await t.as(userId);
  const coupons = [];
  for (const template of templates) coupons.push((await t.shopper.claimCoupon({ templateId: template.id }, as)).id);
  return { userId, coupons };
}

const line = (subtotal: number, more: Partial<couponv1.PricedLine> = {}) => ({
  skuId: v7(),
  productId: v7(),
  categoryId: v7(),
  subtotalMinor: BigInt(subtotal),
  ...more,
});

async function couponStatus(id: string): Promise<string> {
  const [row] = await t.sql<{ status: string }>("select status from user_coupons where id = $1", [id]);
  return row!.status;
}

const statusChanged = (orderId: string, userId: string, to: orderv1.OrderStatus, userCouponId: string) =>
  create(orderv1.OrderStatusChangedSchema, { orderId, userId, from: orderv1.OrderStatus.AWAITING_PAYMENT, to, userCouponId, actor: "order", number: "1" });

void describe("evaluating a shopper's coupons against the lines", () => {
  void test("every available coupon judged: applicable first, largest first, reasons for the rest", async () => {
    const parent = await t.catalog.createCategory({ name: `Kitchen ${v7()}` }, t.asAdmin);
    const child = await t.catalog.createCategory({ name: `Knives ${v7()}`, parentId: parent.id }, t.asAdmin);
    const fixed = await t.makeTemplate({ name: "5 off", amountOffMinor: 500n });
    const percent = await t.makeTemplate({
      name: "20% off the kitchen, at most 15.00",
      kind: Kind.PERCENT_OFF,
      amountOffMinor: 0n,
      percentOff: 20,
      maxDiscountMinor: 1500n,
      scope: Scope.CATEGORIES,
      categoryIds: [parent.id],
    });
    const threshold = await t.makeTemplate({ name: "spend 200, get 30", kind: Kind.THRESHOLD, amountOffMinor: 3000n, minSpendMinor: 20000n });
    const dollars = await t.makeTemplate({ name: "USD", currency: "USD" });
    const { userId, coupons } = await shopperWith([fixed, percent, threshold, dollars]);
    const knives = [line(4000, { categoryId: child.id }), line(2000, { categoryId: child.id })];
    const other = line(3000);
    const res = await t.internal.evaluateCoupons({ userId, currency: "EUR", lines: [...knives, other] });
    assert.deepEqual(
      res.options.map((o) => [o.coupon!.id, o.applicable, o.reason, o.discountMinor]),
      [
        [coupons[1], true, "", 1200n],
        [coupons[0], true, "", 500n],
        // Equal (no) discounts: the one expiring sooner first (the threshold, made earlier).
        [coupons[2], false, "MIN_SPEND_NOT_MET", 0n],
        [coupons[3], false, "CURRENCY_MISMATCH", 0n],
      ],
    );
    assert.equal(res.bestUserCouponId, coupons[1]);
    const best = res.options[0]!;
    assert.deepEqual(
      best.allocations.map((a) => [a.skuId, a.discountMinor]),
      [
        [knives[0]!.skuId, 800n],
        [knives[1]!.skuId, 400n],
      ],
      "only the lines in the category below the template's share the discount",
    );
    await rejectsWith(t.internal.evaluateCoupons({ userId, currency: "EUR", lines: [line(-1)] }), Code.InvalidArgument, "INVALID_INPUT");
    const none = await t.internal.evaluateCoupons({ userId, currency: "GBP", lines: [other] });
    assert.equal(none.bestUserCouponId, "");
    assert.ok(none.options.every((o) => !o.applicable));
  });
});

void describe("locking a coupon for an order", () => {
  void test("the same order twice answers the same lock; another order finds it taken", async () => {
    const template = await t.makeTemplate({ amountOffMinor: 1000n });
    const { userId, coupons } = await shopperWith([template]);
    const userCouponId = coupons[0]!;
    const orderId = v7();
    const lines = [line(3000), line(1000)];
    const req = { userId, userCouponId, orderId, currency: "EUR", lines };
    const [a, b] = await Promise.all([t.internal.lockCoupon(req), t.internal.lockCoupon(req)]);
    assert.deepEqual(a, b);
    assert.deepEqual([a.discountMinor, a.allocations.map((x) => x.discountMinor)], [1000n, [750n, 250n]]);
    assert.deepEqual(await t.internal.lockCoupon(req), a, "asked again later: the same answer");
    assert.equal(await couponStatus(userCouponId), "LOCKED");
    await rejectsWith(t.internal.lockCoupon({ ...req, orderId: v7() }), Code.FailedPrecondition, "COUPON_NOT_AVAILABLE");
    await rejectsWith(t.internal.lockCoupon({ ...req, userId: v7(), orderId: v7() }), Code.NotFound, "COUPON_NOT_FOUND");
    const mine = await t.shopper.listMyCoupons({ status: couponv1.UserCouponStatus.LOCKED }, await t.as(userId));
    assert.deepEqual(
      mine.coupons.map((c) => [c.id, c.orderId]),
      [[userCouponId, orderId]],
    );
  });

  void test("a coupon that does not apply is not locked", async () => {
    const template = await t.makeTemplate({ kind: Kind.THRESHOLD, amountOffMinor: 500n, minSpendMinor: 10_000n });
    const { userId, coupons } = await shopperWith([template]);
    const err = await rejectsWith(
      t.internal.lockCoupon({ userId, userCouponId: coupons[0]!, orderId: v7(), currency: "EUR", lines: [line(9999)] }),
      Code.FailedPrecondition,
      "COUPON_NOT_APPLICABLE",
    );
    assert.match(err.rawMessage, /MIN_SPEND_NOT_MET/);
    assert.equal(await couponStatus(coupons[0]!), "AVAILABLE");
  });

  void test("release gives the coupon back once; a release before the lock makes the late lock fail", async () => {
    const template = await t.makeTemplate({ perUserLimit: 2 });
    const { userId } = await shopperWith([]);
    const as = await t.as(userId);
    const first = (await t.shopper.claimCoupon({ templateId: template.id }, as)).id;
    const orderId = v7();
    await t.internal.lockCoupon({ userId, userCouponId: first, orderId, currency: "EUR", lines: [line(2000)] });
    assert.deepEqual(
      await t.internal.releaseCoupon({ orderId, reason: "payment failed" }),
      create(couponv1.ReleaseCouponResponseSchema, { userCouponId: first }),
    );
    assert.equal((await t.internal.releaseCoupon({ orderId, reason: "again" })).userCouponId, "", "nothing more to give back");
    assert.equal(await couponStatus(first), "AVAILABLE");
    await rejectsWith(
      t.internal.lockCoupon({ userId, userCouponId: first, orderId, currency: "EUR", lines: [line(2000)] }),
      Code.FailedPrecondition,
      "COUPON_LOCK_RELEASED",
    );

    const early = v7();
    assert.equal((await t.internal.releaseCoupon({ orderId: early, reason: "saga compensated" })).userCouponId, "");
    await rejectsWith(
      t.internal.lockCoupon({ userId, userCouponId: first, orderId: early, currency: "EUR", lines: [line(2000)] }),
      Code.FailedPrecondition,
      "COUPON_LOCK_RELEASED",
    );
    assert.equal(await couponStatus(first), "AVAILABLE", "the late lock locked nothing");
    // Still usable by another order.
    await t.internal.lockCoupon({ userId, userCouponId: first, orderId: v7(), currency: "EUR", lines: [line(2000)] });
  });
});

void test("locks and releases of the same orders racing leave every coupon where its lock says", async () => {
  const template = await t.makeTemplate({ perUserLimit: 1, totalQuantity: 1000 });
  const pairs = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const { userId, coupons } = await shopperWith([template]);
      return { userId, userCouponId: coupons[0]!, orderId: v7() };
    }),
  );
  await Promise.allSettled(
    pairs.flatMap(({ userId, userCouponId, orderId }) => [
      t.internal.lockCoupon({ userId, userCouponId, orderId, currency: "EUR", lines: [line(2000)] }),
      t.internal.releaseCoupon({ orderId, reason: "racing" }),
    ]),
  );
  // A coupon is LOCKED by an order exactly when that order's lock row is LOCKED; every order ends
  // with a row (the lock's, released or not, or the release recorded first).
  const broken = await t.sql(
    `select c.id, c.status, c.order_id, l.status as lock_status
       from user_coupons c
       left join coupon_locks l on l.user_coupon_id = c.id and l.status = 'LOCKED'
      where c.template_id = $1 and ((c.status = 'LOCKED') <> (l.order_id is not null and l.order_id = c.order_id))`,
    [template.id],
  );
  assert.deepEqual(broken, []);
  const rows = await t.sql<{ status: string }>("select status from coupon_locks where order_id = any($1::uuid[])", [pairs.map((p) => p.orderId)]);
  assert.equal(rows.length, pairs.length);
  assert.ok(
    rows.every((r) => r.status === "RELEASED"),
    "each release ran before or after its lock, and both end released",
  );
});

void describe("following the orders' status changes on the bus", () => {
  void test("PAID uses the locked coupon once; a later CANCELLED leaves it used", async () => {
    const template = await t.makeTemplate();
    const { userId, coupons } = await shopperWith([template]);
    const userCouponId = coupons[0]!;
    const orderId = v7();
    await t.internal.lockCoupon({ userId, userCouponId, orderId, currency: "EUR", lines: [line(2000)] });
    const paid = statusChanged(orderId, userId, orderv1.OrderStatus.PAID, userCouponId);
    await t.publish(events.orderStatusChanged, paid);
    await t.publish(events.orderStatusChanged, paid); // a second copy (another message id)
    await waitFor("the coupon used", async () => (await couponStatus(userCouponId)) === "USED");
    await t.publish(events.orderStatusChanged, statusChanged(orderId, userId, orderv1.OrderStatus.CANCELLED, userCouponId));
    const done = v7();
    await t.publish(events.orderStatusChanged, statusChanged(done, userId, orderv1.OrderStatus.FAILED, ""));
    // The inbox records each message it applied: all four are in.
    await waitFor("the last message handled", async () => (await t.sql("select 1 from kit_inbox where grp = 'coupon.orders'")).length >= 4);
    assert.equal(await couponStatus(userCouponId), "USED");
    const got = await t.admin.getCouponTemplate({ templateId: template.id }, t.asAdmin);
    assert.deepEqual([got.claimedCount, got.usedCount], [1, 1], "counted once");
    const [mine] = (await t.shopper.listMyCoupons({ status: couponv1.UserCouponStatus.USED }, await t.as(userId))).coupons;
    assert.ok(mine?.usedAt);
    assert.equal(mine.orderId, orderId);
    assert.deepEqual(await t.sql("select order_id from coupon_locks where order_id = $1", [done]), [], "an order without a coupon leaves no row");
  });

  void test("CANCELLED or FAILED gives the coupon back; FAILED before any lock stops a late one", async () => {
    const template = await t.makeTemplate({ perUserLimit: 2 });
    const { userId } = await shopperWith([]);
    const as = await t.as(userId);
    const userCouponId = (await t.shopper.claimCoupon({ templateId: template.id }, as)).id;
    const cancelled = v7();
    await t.internal.lockCoupon({ userId, userCouponId, orderId: cancelled, currency: "EUR", lines: [line(2000)] });
    await t.publish(events.orderStatusChanged, statusChanged(cancelled, userId, orderv1.OrderStatus.CANCELLED, userCouponId));
    await waitFor("the coupon given back", async () => (await couponStatus(userCouponId)) === "AVAILABLE");

    const failed = v7();
    await t.publish(events.orderStatusChanged, statusChanged(failed, userId, orderv1.OrderStatus.FAILED, userCouponId));
    await waitFor(
      "the release recorded",
      async () => (await t.sql("select 1 from coupon_locks where order_id = $1 and status = 'RELEASED'", [failed])).length === 1,
    );
    await rejectsWith(
      t.internal.lockCoupon({ userId, userCouponId, orderId: failed, currency: "EUR", lines: [line(2000)] }),
      Code.FailedPrecondition,
      "COUPON_LOCK_RELEASED",
    );
    assert.equal(await couponStatus(userCouponId), "AVAILABLE");
  });
});
