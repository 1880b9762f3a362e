// The payment timeout: an order not paid within SHOP_ORDER_PAYMENT_TIMEOUT_SECONDS is cancelled by
// its delayed OrderPaymentDue (the sweeper is set too slow to be the one acting here), and the
// stock goes back. A payment that arrives after that is refunded.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { events, orderv1, paymentv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { startOrder, waitFor, type OrderTest } from "./helpers.ts";

void describe("order: payment timeout", () => {
  let t: OrderTest;
  before(async () => {
    t = await startOrder({ env: { SHOP_ORDER_PAYMENT_TIMEOUT_SECONDS: "2", SHOP_ORDER_SWEEP_SECONDS: "3600" } });
  });
  after(() => t?.close());

  void it("cancels an unpaid order when its payment is due and releases its stock", async () => {
    const sku = await t.makeSku(999);
    t.reservations.setStock(sku, 4);
    const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 4 }]);
    const order = await t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, `timeout-${userId}`));
    assert.equal(order.status, orderv1.OrderStatus.AWAITING_PAYMENT);
    assert.equal(t.reservations.level(sku).reserved, 4);
    const cancelled = await waitFor("cancelled by the timeout", async () => {
      const o = await t.admin.getOrder({ orderId: order.id }, t.asAdmin);
      return o.status === orderv1.OrderStatus.CANCELLED ? o : undefined;
    });
    assert.deepEqual(cancelled.history.map((h) => [orderv1.OrderStatus[h.to], h.actor]).at(-1), ["CANCELLED", "system:payment-timeout"]);
    await waitFor("stock released", () => t.reservations.of(order.id)?.status === "RELEASED");
    assert.deepEqual(t.reservations.level(sku), { onHand: 4, reserved: 0 });

    const paymentId = v7();
    await t.publish(
      events.paymentSucceeded,
      create(paymentv1.PaymentSucceededSchema, { paymentId, orderId: order.id, userId, amountMinor: order.totalMinor, currency: order.currency }),
    );
    assert.equal((await waitFor("refund requested", () => t.refunds.find((r) => r.orderId === order.id))).paymentId, paymentId);
  });
});
