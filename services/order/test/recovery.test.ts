// A checkout killed mid-saga leaves no half-made order: the order service is SIGKILLed during a
// burst of PlaceOrder calls (with more buyers than stock, and a slow inventory so that sagas are
// in flight), started again, and its sweeper resumes or compensates every order left PENDING.
// Afterwards every order is AWAITING_PAYMENT with an open reservation, or FAILED without one, and
// the stock held is exactly what the orders awaiting payment hold. The same sweeper finishes a
// compensation the inventory could not take at the time, and cancels unpaid orders past their
// deadline whose OrderPaymentDue never came.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";
import { rejectsWith, startOrder, waitFor, type OrderTest } from "./helpers.ts";

void describe("order: recovery by the sweeper", () => {
  let t: OrderTest;
  before(async () => {
    t = await startOrder({ env: { SHOP_ORDER_SWEEP_SECONDS: "1", SHOP_ORDER_SAGA_GRACE_SECONDS: "1" } });
  });
  after(() => t?.close());

  void it("resumes or compensates every checkout after a SIGKILL", async () => {
    const stock = 5;
    const buyers = 30;
    const sku = await t.makeSku(1000);
    t.reservations.setStock(sku, stock);
    t.reservations.latencyMs = 150;
    const calls = await Promise.all(
      Array.from({ length: buyers }, async () => {
        const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 1 }]);
        return { options: await t.as(userId, `burst-${userId}`), addressId };
      }),
    );
    const burst = Promise.allSettled(calls.map((c) => t.shopper.placeOrder({ addressId: c.addressId, note: "" }, c.options)));
    await waitFor(
      "sagas in flight",
      async () => {
        const [row] = await t.sql<{ pending: number; all: number }>(
          "select count(*) filter (where status = 'PENDING')::int as pending, count(*)::int as all from orders",
        );
        return row!.pending >= 3 && row!.all > stock;
      },
      20_000,
      5,
    );
    await t.restartOrder({ kill: true });
    await burst; // the calls in flight lost their connection
    t.reservations.latencyMs = 0;

    await waitFor("no checkout left PENDING", async () => (await t.sql("select 1 from orders where status = 'PENDING'")).length === 0, 30_000, 100);
    const orders = await t.sql<{ id: string; status: string }>("select id, status from orders");
    assert.ok(orders.length > 0);
    for (const o of orders) {
      assert.ok(o.status === "AWAITING_PAYMENT" || o.status === "FAILED", `order ${o.id} is ${o.status}`);
      const held = t.reservations.of(o.id)?.status;
      if (o.status === "FAILED") assert.notEqual(held, "OPEN", `FAILED order ${o.id} still holds stock`);
      else assert.equal(held, "OPEN", `order ${o.id} awaits payment without stock`);
    }
    const open = [...t.reservations.all()].filter(([, h]) => h.status === "OPEN");
    const awaiting = orders.filter((o) => o.status === "AWAITING_PAYMENT");
    assert.deepEqual(open.map(([id]) => id).sort(), awaiting.map((o) => o.id).sort(), "every open reservation is an order's awaiting payment");
    assert.deepEqual(t.reservations.level(sku), { onHand: stock, reserved: awaiting.length });
    // More orders than stock: the stock is all held, and the rest failed (the inventory never failed here).
    assert.equal(awaiting.length, stock);
    assert.ok(orders.some((o) => o.status === "FAILED"));
  });

  const statusOf = async (id: string) => (await t.sql<{ status: string }>("select status from orders where id = $1", [id]))[0]?.status;

  void it("fails a checkout while the inventory is down, and gives back what it may hold once the inventory is back", async () => {
    const sku = await t.makeSku(1000);
    t.reservations.setStock(sku, 5);
    const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 1 }]);
    t.reservations.down = true;
    const err = await rejectsWith(
      t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, `down-${userId}`)),
      Code.Unavailable,
      "INVENTORY_UNAVAILABLE",
    );
    const orderId = errorDetailOf(err)!.metadata.orderId!;
    assert.equal(await statusOf(orderId), "PENDING", "the compensation waits for the inventory");
    t.reservations.down = false;
    await waitFor("compensated", async () => (await statusOf(orderId)) === "FAILED", 30_000, 100);
    assert.equal(t.reservations.of(orderId)?.status, "RELEASED");
    assert.deepEqual(t.reservations.level(sku), { onHand: 5, reserved: 0 });
  });

  void it("cancels an unpaid order past its deadline even without its OrderPaymentDue", async () => {
    const sku = await t.makeSku(1000);
    t.reservations.setStock(sku, 5);
    const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 2 }]);
    const order = await t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, `overdue-${userId}`));
    // The deadline passes long before the (900 s) message is due: only the sweeper can act.
    await t.sql("update orders set payment_deadline = now() - interval '1 second' where id = $1", [order.id]);
    await waitFor("cancelled by the sweeper", async () => (await statusOf(order.id)) === "CANCELLED", 30_000, 100);
    await waitFor("stock released", () => t.reservations.of(order.id)?.status === "RELEASED");
    assert.deepEqual(t.reservations.level(sku), { onHand: 5, reserved: 0 });
  });
});
