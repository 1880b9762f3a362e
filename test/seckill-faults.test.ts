// Flash sales under faults, against every real service (the sale's stock in Redis, the bus in
// PostgreSQL): the order service is down while shoppers win, and killed again while it works
// through the queue; after its restarts every won attempt becomes exactly one order.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { requireTcp } from "@shop/testkit/servers";
import { waitFor } from "@shop/testkit/wait";
import { createSku, startShop, stockOf, type Shop } from "./checkout-shop.ts";
import { inventoryInvariant } from "./checkout-invariant.ts";
import { dropRedisKeys, myAttempt, ordersOfSale, scheduleSale, settledAttempts, shopShoppers, tokenAndAttempt, tokenOnceStarted } from "./flash-sale-shop.ts";

const redisUrl = process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let shop: Shop;

before(async () => {
  const url = new URL(redisUrl);
  await requireTcp("Redis", url.hostname, Number(url.port || 6379));
  shop = await startShop({ SHOP_REDIS_URL: redisUrl });
});

after(async () => {
  if (!shop) return;
  await shop.stack.stop();
  await dropRedisKeys(redisUrl, shop.stack.dbPrefix);
});

void test("the order service down while attempts are won, and killed again mid-queue: every won attempt becomes exactly one order", async () => {
  const { call, adminToken, stack } = shop;
  const { skuId } = await createSku(shop, 30);
  const scheduled = await scheduleSale(call, adminToken, {
    skuId,
    quantity: 20,
    startsAt: new Date(Date.now() + 1500),
    endsAt: new Date(Date.now() + 3_600_000),
  });
  assert.equal(scheduled.status, 200, scheduled.text);
  const saleId = scheduled.json.id as string;
  const shoppers = await shopShoppers(shop, 40);
  assert.equal((await tokenOnceStarted(call, saleId, shoppers[0]!.token)).status, 200);

  // Winning needs no order service: the won attempts wait on the bus.
  await stack.backends.order!.kill();
  const outcomes = await Promise.all(shoppers.map((who) => tokenAndAttempt(call, saleId, who)));
  const errors = outcomes.flatMap((o) => (o.kind === "error" ? [`${o.status} ${o.text}`] : []));
  assert.deepEqual(errors.slice(0, 5), [], `${errors.length} errors`);
  const winners = shoppers.filter((_, i) => outcomes[i]!.kind === "won");
  assert.equal(winners.length, 20);
  const tickets = outcomes.flatMap((o) => (o.kind === "won" ? [o.attempt.ticketId] : []));
  for (const w of winners.slice(0, 5)) {
    const mine = await myAttempt(call, saleId, w.token);
    assert.equal(mine.json.status, "ATTEMPT_STATUS_QUEUED", `no order while the order service is down: ${mine.text}`);
  }

  // Up again, then killed once it has started on the queue, then up for good.
  await stack.restart("order");
  await waitFor("the first orders", async () => (await ordersOfSale(call, adminToken, saleId)).length > 0, 60_000, 250);
  await stack.backends.order!.kill();
  await stack.restart("order");

  const settled = await settledAttempts(
    call,
    saleId,
    winners.map((w) => w.token),
    120_000,
  );
  for (const w of winners) {
    const attempt = settled.get(w.token)!;
    assert.equal(attempt.status, "ATTEMPT_STATUS_ORDERED", `${w.username}: ${JSON.stringify(attempt)}`);
    assert.equal(attempt.orderId, attempt.ticketId);
  }
  const orders = await ordersOfSale(call, adminToken, saleId);
  assert.equal(orders.length, 20, "exactly one order per won attempt");
  assert.deepEqual(new Set(orders.map((o) => o.id)), new Set(tickets));
  assert.deepEqual(new Set(orders.map((o) => o.userId)), new Set(winners.map((w) => w.id)));
  assert.ok(
    orders.every((o) => o.status === "ORDER_STATUS_AWAITING_PAYMENT"),
    orders.map((o) => o.status).join(),
  );
  // The 20 units are held by the 20 orders (drawn from the sale's set-aside), nothing more.
  assert.deepEqual(await stockOf(shop, skuId), { onHand: 30, reserved: 20, available: 10 });
  assert.deepEqual(await inventoryInvariant(stack.dbPrefix), []);
});
