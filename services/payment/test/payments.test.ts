// CreatePayment, GetPayment, ListOrderPayments and AdminListOrderPayments against the real
// database, with the order service's TEST DOUBLE saying which orders exist and may be paid.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { orderv1, paymentv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { rejectsWith, startPaymentTest, type PaymentTest } from "./helpers.ts";

void describe("payment: creating and reading payments", () => {
  let t: PaymentTest;
  before(async () => (t = await startPaymentTest()));
  after(async () => t?.close());

  void it("makes a pending payment of the order's total, and answers the same one again", async () => {
    const shopper = await t.shopper();
    const order = t.orders.add(shopper.id, { totalMinor: 4_999, currency: "USD" });
    const p = await t.payments.createPayment({ orderId: order.orderId }, shopper.as);
    assert.deepEqual(
      [p.status, p.amountMinor, p.currency, p.orderId, p.userId, p.provider],
      [paymentv1.PaymentStatus.PENDING, 4_999n, "USD", order.orderId, shopper.id, "sandbox"],
    );
    assert.equal(p.checkoutUrl, `${t.gatewayUrl}/sandbox/checkout/${p.id}`);
    const again = await t.payments.createPayment({ orderId: order.orderId }, shopper.as);
    assert.equal(again.id, p.id);
    const history = await t.sql("select from_status, to_status, actor from payment_status_history where payment_id = $1", [p.id]);
    assert.deepEqual(history.rows, [{ from_status: null, to_status: "PENDING", actor: shopper.id }]);
  });

  void it("makes one payment when asked twice at once", async () => {
    const shopper = await t.shopper();
    const order = t.orders.add(shopper.id);
    const made = await Promise.all(Array.from({ length: 6 }, () => t.payments.createPayment({ orderId: order.orderId }, shopper.as)));
    assert.equal(new Set(made.map((p) => p.id)).size, 1);
    const rows = await t.sql("select count(*)::int as n from payments where order_id = $1", [order.orderId]);
    assert.equal(rows.rows[0]!.n, 1);
  });

  void it("refuses another user's order as not found, and an order that does not await payment", async () => {
    const owner = await t.shopper();
    const other = await t.shopper();
    const order = t.orders.add(owner.id);
    await rejectsWith(t.payments.createPayment({ orderId: order.orderId }, other.as), Code.NotFound, "ORDER_NOT_FOUND");
    await rejectsWith(t.payments.createPayment({ orderId: v7() }, owner.as), Code.NotFound, "ORDER_NOT_FOUND");
    for (const status of [orderv1.OrderStatus.PAID, orderv1.OrderStatus.CANCELLED, orderv1.OrderStatus.PENDING]) {
      const o = t.orders.add(owner.id, { status });
      await rejectsWith(t.payments.createPayment({ orderId: o.orderId }, owner.as), Code.FailedPrecondition, "ORDER_NOT_PAYABLE");
    }
    const rows = await t.sql("select count(*)::int as n from payments where user_id = $1", [owner.id]);
    assert.equal(rows.rows[0]!.n, 0, "nothing made");
  });

  void it("shows a payment only to its shopper (and to admins by order)", async () => {
    const owner = await t.shopper();
    const other = await t.shopper();
    const order = t.orders.add(owner.id);
    const p = await t.payments.createPayment({ orderId: order.orderId }, owner.as);
    assert.equal((await t.payments.getPayment({ paymentId: p.id }, owner.as)).id, p.id);
    await rejectsWith(t.payments.getPayment({ paymentId: p.id }, other.as), Code.NotFound, "PAYMENT_NOT_FOUND");
    await rejectsWith(t.payments.getPayment({ paymentId: p.id }), Code.Unauthenticated);
    assert.deepEqual(
      (await t.payments.listOrderPayments({ orderId: order.orderId }, owner.as)).payments.map((x) => x.id),
      [p.id],
    );
    assert.deepEqual((await t.payments.listOrderPayments({ orderId: order.orderId }, other.as)).payments, []);
    await rejectsWith(t.admin.adminListOrderPayments({ orderId: order.orderId }, owner.as), Code.PermissionDenied);
    assert.deepEqual(
      (await t.admin.adminListOrderPayments({ orderId: order.orderId }, t.asAdmin)).payments.map((x) => x.id),
      [p.id],
    );
  });
});
