// Placing an order with a coupon: the saga locks it (coupon service test double) and stores the
// discount and each line's share; a coupon that cannot be locked fails the order and gives the
// stock back; a cancelled order gives its coupon back, and its events name the coupon.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { orderv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import { rejectsWith, startOrder, statusEvents, waitFor, type OrderTest } from "./helpers.ts";

void describe("order: placing with a coupon", () => {
  let t: OrderTest;
  before(async () => {
    t = await startOrder({ env: { SHOP_ORDER_SHIPPING_FEE_MINOR: "1000", SHOP_ORDER_FREE_SHIPPING_FROM_MINOR: "0" } });
  });
  after(() => t?.close());

  const shopper = async () => {
    const [a, b] = [await t.makeSku(2500), await t.makeSku(450)];
    t.reservations.setStock(a, 10);
    t.reservations.setStock(b, 10);
    return t.shopperWith([
      { skuId: a, quantity: 2 },
      { skuId: b, quantity: 3 },
    ]);
  };

  void it("locks the coupon and stores the discount, spread over the lines; payment is for the discounted total", async () => {
    const { userId, addressId } = await shopper();
    const coupon = t.coupons.give(userId, 800);
    const placed = await t.shopper.placeOrder({ addressId, note: "", userCouponId: coupon }, await t.as(userId, `c-${userId}`));
    assert.equal(placed.status, orderv1.OrderStatus.AWAITING_PAYMENT);
    assert.deepEqual([placed.userCouponId, placed.subtotalMinor, placed.discountMinor, placed.totalMinor], [coupon, 6350n, 800n, 6550n]);
    assert.deepEqual(
      placed.lines.map((l) => l.discountMinor),
      [630n, 170n],
    );
    const [row] = await t.sql<{ d: string; lines: string }>(
      "select o.discount_minor::text as d, (select sum(discount_minor)::text from order_lines where order_id = o.id) as lines from orders o where id = $1",
      [placed.id],
    );
    assert.deepEqual(row, { d: "800", lines: "800" });
    assert.deepEqual([t.coupons.coupon(coupon)?.status, t.coupons.coupon(coupon)?.orderId], ["LOCKED", placed.id]);
    assert.equal((await t.internal.getPayableOrder({ orderId: placed.id, userId })).totalMinor, 6550n);
    const [awaiting] = await statusEvents(t, placed.id);
    assert.deepEqual([awaiting?.to, awaiting?.userCouponId, awaiting?.flashSaleId], [orderv1.OrderStatus.AWAITING_PAYMENT, coupon, ""]);
  });

  void it("a coupon that cannot be locked fails the order: FAILED_PRECONDITION, the stock released, the coupon asked back", async () => {
    const { userId: owner } = await shopper();
    const { userId, addressId } = await shopper();
    const notMine = t.coupons.give(owner, 800);
    const err = await rejectsWith(
      t.shopper.placeOrder({ addressId, note: "", userCouponId: notMine }, await t.as(userId, `x-${userId}`)),
      Code.FailedPrecondition,
      "COUPON_NOT_AVAILABLE",
    );
    const orderId = errorDetailOf(err)!.metadata.orderId!;
    assert.equal(t.reservations.of(orderId)?.status, "RELEASED");
    assert.ok(t.coupons.calls.release.includes(orderId));
    assert.equal(t.coupons.coupon(notMine)?.status, "AVAILABLE");
    const failed = await t.admin.getOrder({ orderId }, t.asAdmin);
    assert.deepEqual([failed.status, failed.discountMinor, failed.userCouponId], [orderv1.OrderStatus.FAILED, 0n, notMine]);
    const events = await statusEvents(t, orderId);
    assert.deepEqual(
      events.map((e) => [e.to, e.userCouponId]),
      [[orderv1.OrderStatus.FAILED, notMine]],
    );
  });

  void it("a coupon locked by another order is COUPON_NOT_AVAILABLE", async () => {
    const { userId, addressId } = await shopper();
    const coupon = t.coupons.give(userId, 300);
    await t.shopper.placeOrder({ addressId, note: "", userCouponId: coupon }, await t.as(userId, `a-${userId}`));
    const more = await t.makeSku(100);
    t.reservations.setStock(more, 1);
    t.cart.select(userId, [{ skuId: more, quantity: 1 }]);
    const err = await rejectsWith(
      t.shopper.placeOrder({ addressId, note: "", userCouponId: coupon }, await t.as(userId, `b-${userId}`)),
      Code.FailedPrecondition,
      "COUPON_NOT_AVAILABLE",
    );
    assert.equal(t.reservations.of(errorDetailOf(err)!.metadata.orderId!)?.status, "RELEASED");
  });

  void it("cancelling gives the coupon back (ReleaseCoupon), and the CANCELLED event names it", async () => {
    const { userId, addressId } = await shopper();
    const coupon = t.coupons.give(userId, 500);
    const placed = await t.shopper.placeOrder({ addressId, note: "", userCouponId: coupon }, await t.as(userId, `k-${userId}`));
    await t.shopper.cancelMyOrder({ orderId: placed.id, reason: "changed my mind" }, await t.as(userId));
    await waitFor("the coupon given back", () => t.coupons.coupon(coupon)?.status === "AVAILABLE");
    assert.ok(t.coupons.calls.release.includes(placed.id));
    const cancelled = (await statusEvents(t, placed.id)).find((e) => e.to === orderv1.OrderStatus.CANCELLED);
    assert.equal(cancelled?.userCouponId, coupon);
  });

  void it("a coupon service down fails the order (UNAVAILABLE), and the coupon is given back once it answers again", async () => {
    const { userId, addressId } = await shopper();
    const coupon = t.coupons.give(userId, 500);
    t.coupons.down = true;
    let orderId: string;
    try {
      const err = await rejectsWith(
        t.shopper.placeOrder({ addressId, note: "", userCouponId: coupon }, await t.as(userId, `d-${userId}`)),
        Code.Unavailable,
        "COUPON_UNAVAILABLE",
      );
      orderId = errorDetailOf(err)!.metadata.orderId!;
      assert.equal(t.reservations.of(orderId)?.status, "RELEASED");
      assert.equal((await t.admin.getOrder({ orderId }, t.asAdmin)).status, orderv1.OrderStatus.FAILED);
    } finally {
      t.coupons.down = false;
    }
    // The FAILED event names the coupon: its consumer asks again until the coupon service answers.
    await waitFor("the coupon released on the FAILED event", () => t.coupons.calls.release.includes(orderId));
  });
});
