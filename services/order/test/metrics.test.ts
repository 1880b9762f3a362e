// The order service's gauges on its /metrics: unpaid orders and those past their payment deadline
// (the timeout and the sweeper are set too slow to act here, as if they were behind), and the kit's
// outbox and dead-letter gauges as a real service exports them.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { orderv1 } from "@shop/contracts";
import { startOrder, waitFor, type OrderTest } from "./helpers.ts";

/** One series of the order process's /metrics (undefined when absent). */
async function scraped(t: OrderTest, series: string): Promise<number | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${t.order.httpPort}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

void describe("order: metrics", () => {
  let t: OrderTest;
  before(async () => {
    t = await startOrder({ env: { SHOP_ORDER_PAYMENT_TIMEOUT_SECONDS: "3600", SHOP_ORDER_SWEEP_SECONDS: "3600", SHOP_ORDER_METRICS_SECONDS: "1" } });
  });
  after(() => t?.close());

  void it("counts orders awaiting payment, and those past their deadline", async () => {
    await waitFor("the first count", async () => (await scraped(t, "orders_awaiting_payment")) === 0);
    assert.equal(await scraped(t, "orders_payment_overdue"), 0);
    const sku = await t.makeSku(1200);
    t.reservations.setStock(sku, 5);
    const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 1 }]);
    const order = await t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, `metrics-${userId}`));
    assert.equal(order.status, orderv1.OrderStatus.AWAITING_PAYMENT);
    await waitFor("1 awaiting payment", async () => (await scraped(t, "orders_awaiting_payment")) === 1);
    assert.equal(await scraped(t, "orders_payment_overdue"), 0);

    await t.sql("update orders set payment_deadline = now() - interval '1 minute' where id = $1", [order.id]);
    await waitFor("1 overdue", async () => (await scraped(t, "orders_payment_overdue")) === 1);
    assert.equal(await scraped(t, "orders_awaiting_payment"), 1);
  });

  void it("exports its outbox lag and the dead letters of its consumer groups", async () => {
    await waitFor("the outbox relayed", async () => (await scraped(t, 'outbox_pending_events{service="order"}')) === 0);
    assert.equal(await scraped(t, 'outbox_oldest_pending_age_seconds{service="order"}'), 0);
    await waitFor("the payments group's dead letters counted", async () => (await scraped(t, 'bus_dead_letters{group="order.payments"}')) === 0);
  });
});
