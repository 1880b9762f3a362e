// The same flows with the bus on RabbitMQ (SHOP_AMQP_URL): the order's events reach its own
// consumers through the broker, a payment published there makes it PAID and commits its stock,
// and the payment timeout arrives through the broker's delay queues.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { events, orderv1, paymentv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { startOrder, waitFor, type OrderTest } from "./helpers.ts";

void describe("order: on RabbitMQ", () => {
  let t: OrderTest;
  before(async () => {
    t = await startOrder({ amqp: true, env: { SHOP_ORDER_PAYMENT_TIMEOUT_SECONDS: "2", SHOP_ORDER_SWEEP_SECONDS: "3600" } });
  });
  after(() => t?.close());

  const statusOf = async (orderId: string) => (await t.admin.getOrder({ orderId }, t.asAdmin)).status;

  void it("goes PAID on a payment published to the broker and commits its stock; an unpaid one times out", async () => {
    const sku = await t.makeSku(2000);
    t.reservations.setStock(sku, 3);
    const payer = t.shopperWith([{ skuId: sku, quantity: 1 }]);
    const idler = t.shopperWith([{ skuId: sku, quantity: 2 }]);
    const paid = await t.shopper.placeOrder({ addressId: payer.addressId, note: "" }, await t.as(payer.userId, `amqp-${payer.userId}`));
    // Paid at once, well inside its two seconds: the payment and the timeout race, and the order's lock decides.
    await t.publish(
      events.paymentSucceeded,
      create(paymentv1.PaymentSucceededSchema, {
        paymentId: v7(),
        orderId: paid.id,
        userId: payer.userId,
        amountMinor: paid.totalMinor,
        currency: paid.currency,
      }),
    );
    const unpaid = await t.shopper.placeOrder({ addressId: idler.addressId, note: "" }, await t.as(idler.userId, `amqp-${idler.userId}`));
    await waitFor("unpaid order cancelled", async () => (await statusOf(unpaid.id)) === orderv1.OrderStatus.CANCELLED);
    await waitFor("its stock released", () => t.reservations.of(unpaid.id)?.status === "RELEASED");
    const outcome = await statusOf(paid.id);
    if (outcome === orderv1.OrderStatus.PAID) {
      await waitFor("stock committed", () => t.reservations.of(paid.id)?.status === "COMMITTED");
      assert.deepEqual(t.reservations.level(sku), { onHand: 2, reserved: 0 });
    } else {
      // The timeout won the race: the payment is handed back.
      assert.equal(outcome, orderv1.OrderStatus.CANCELLED);
      await waitFor("refund requested", () => t.refunds.find((r) => r.orderId === paid.id));
    }
  });
});
