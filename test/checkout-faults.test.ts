// Checkout under contention and faults, against every real service: many shoppers for the last
// units, and an order service killed in the middle of placing orders.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { createSku, placeOrder, shopper, startShop, stockOf, type Shop, type Shopper } from "./checkout-shop.ts";
import { inventoryInvariant } from "./checkout-invariant.ts";

let shop: Shop;

before(async () => {
  // Room for the many shoppers one IP registers.
  shop = await startShop({ SHOP_REGISTER_MAX_PER_IP: "1000" });
});

after(async () => {
  await shop?.stack.stop();
});

async function shoppersWith(skuId: string, count: number): Promise<Shopper[]> {
  const all: Shopper[] = [];
  for (let i = 0; i < count; i++) {
    const who = await shopper(shop.call);
    // Setup, not the test: a 503 ("try again shortly") on a loaded machine is tried again, as a client would.
    const added = await waitFor(
      "a line added to the cart",
      async () => {
        const res = await shop.call("POST", "/api/v1/cart/items", { token: who.access, body: { skuId, quantity: 1 } });
        return res.status === 503 ? undefined : res;
      },
      30_000,
      500,
    );
    assert.equal(added.status, 200, added.text);
    all.push(who);
  }
  return all;
}

void test("50 shoppers ordering the last 10 units: exactly 10 orders, the rest a clear out-of-stock error", async () => {
  const { skuId } = await createSku(shop, 10);
  const shoppers = await shoppersWith(skuId, 50);
  const answers = await Promise.all(shoppers.map((who) => placeOrder(shop.call, who)));
  const placed = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status !== 200);
  assert.equal(placed.length, 10, answers.map((a) => a.status).join(","));
  for (const r of refused) {
    assert.equal(r.status, 400, r.text);
    assert.equal((r.json.details as { reason: string }).reason, "OUT_OF_STOCK", r.text);
  }
  assert.deepEqual(await stockOf(shop, skuId), { onHand: 10, reserved: 10, available: 0 });
  assert.deepEqual(await inventoryInvariant(shop.stack.dbPrefix), []);
});

void test("an order service killed while placing orders finishes or compensates every one after restart", async () => {
  const { skuId } = await createSku(shop, 100);
  const shoppers = await shoppersWith(skuId, 20);
  const order = shop.stack.backends.order!;
  const attempts = shoppers.map((who) => placeOrder(shop.call, who).catch(() => undefined));
  await new Promise((r) => setTimeout(r, 150));
  await order.kill();
  await Promise.all(attempts);
  await shop.stack.restart("order");
  // Every order the shoppers can see settles at AWAITING_PAYMENT; no reservation stays open for an order that is not.
  await waitFor(
    "no order left half-made",
    async () => {
      for (const who of shoppers) {
        const pending = await shop.call("GET", "/api/v1/orders?status=ORDER_STATUS_PENDING", { token: who.access });
        if (pending.status !== 200 || (pending.json.orders as unknown[]).length) return undefined;
      }
      return true;
    },
    120_000,
    250,
  );
  let awaiting = 0;
  for (const who of shoppers) {
    const mine = await shop.call("GET", "/api/v1/orders", { token: who.access });
    awaiting += (mine.json.orders as { status: string }[]).filter((o) => o.status === "ORDER_STATUS_AWAITING_PAYMENT").length;
  }
  await waitFor(
    "reservations match the orders awaiting payment",
    async () => {
      const s = await stockOf(shop, skuId);
      return s.reserved === awaiting ? s : undefined;
    },
    60_000,
    250,
  );
  assert.deepEqual(await inventoryInvariant(shop.stack.dbPrefix), []);
});
