// Attempts through the started service, for either gate (attempt-postgres.test.ts,
// attempt-redis.test.ts): tokens, a win's ticket and its one event, sold out, and a ticket following
// the order made from it.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { Code } from "@connectrpc/connect";
import { orderv1, seckillv1 } from "@shop/contracts";
import { rejectsWith, sleep, waitFor, type SeckillTest, type Shopper } from "./helpers.ts";

const { AttemptStatus } = seckillv1;

export function attemptCases(t: () => SeckillTest) {
  const attempt = async (saleId: string, who: Shopper) => {
    const { token } = await t().sales.issueAttemptToken({ saleId }, who.as);
    return t().sales.attemptPurchase({ saleId, token, addressId: randomUUID() }, who.as);
  };
  const statusOf = async (saleId: string, who: Shopper) => (await t().sales.getMyAttempt({ saleId }, who.as)).status;

  void test("a missing, forged or someone else's token is refused with ATTEMPT_TOKEN_INVALID", async () => {
    const sale = await t().schedule(await t().sku(1990, 5), 2);
    const { alice, bob, sales } = t();
    const { token } = await sales.issueAttemptToken({ saleId: sale.id }, alice.as);
    const addressId = randomUUID();
    await rejectsWith(sales.attemptPurchase({ saleId: sale.id, token, addressId }, bob.as), Code.PermissionDenied, "ATTEMPT_TOKEN_INVALID");
    await rejectsWith(sales.attemptPurchase({ saleId: sale.id, token: `${token}x`, addressId }, alice.as), Code.PermissionDenied, "ATTEMPT_TOKEN_INVALID");
    await rejectsWith(sales.attemptPurchase({ saleId: sale.id, token: "123.abc", addressId }, alice.as), Code.PermissionDenied, "ATTEMPT_TOKEN_INVALID");
    await rejectsWith(sales.getMyAttempt({ saleId: sale.id }, alice.as), Code.NotFound, "NO_ATTEMPT");
  });

  void test("a won attempt is QUEUED with its ticket, announced by exactly one event; asking again gives the same ticket", async () => {
    const skuId = await t().sku(1990, 5);
    const sale = await t().schedule(skuId, 3);
    const { alice } = t();
    const won = await attempt(sale.id, alice);
    assert.equal(won.status, AttemptStatus.QUEUED);
    assert.ok(won.ticketId);
    const again = await attempt(sale.id, alice);
    assert.equal(again.ticketId, won.ticketId);
    const events = () => t().won.filter((e) => e.saleId === sale.id);
    await waitFor("the won-attempt event", () => events().length > 0);
    await sleep(1000); // time for a stray second event to arrive
    assert.deepEqual(
      events().map((e) => [e.ticketId, e.userId, e.skuId, e.salePriceMinor, e.currency]),
      [[won.ticketId, alice.id, skuId, 990n, "CNY"]],
    );
    const mine = await t().sales.getMyAttempt({ saleId: sale.id }, alice.as);
    assert.deepEqual([mine.status, mine.ticketId], [AttemptStatus.QUEUED, won.ticketId]);
    await waitFor("remaining 2", async () => (await t().sales.getFlashSale({ saleId: sale.id })).remaining === 2);
  });

  void test("once the units are won the others are told SOLD_OUT, attempting and polling", async () => {
    const sale = await t().schedule(await t().sku(1990, 5), 1);
    const { alice, bob } = t();
    const carol = await t().shopper("carol");
    assert.equal((await attempt(sale.id, alice)).status, AttemptStatus.QUEUED);
    assert.equal((await attempt(sale.id, bob)).status, AttemptStatus.SOLD_OUT);
    assert.equal((await attempt(sale.id, carol)).status, AttemptStatus.SOLD_OUT);
    assert.equal(await statusOf(sale.id, bob), AttemptStatus.SOLD_OUT);
    assert.equal((await attempt(sale.id, alice)).status, AttemptStatus.QUEUED);
  });

  void test("a ticket follows its order: ORDERED, then CANCELLED unpaid gives the unit back to the sale, which its shopper cannot win again", async () => {
    const sale = await t().schedule(await t().sku(1990, 5), 1);
    const { alice, bob } = t();
    const won = await attempt(sale.id, alice);
    assert.equal((await attempt(sale.id, bob)).status, AttemptStatus.SOLD_OUT);
    await waitFor("the event", () => t().won.some((e) => e.ticketId === won.ticketId));
    await t().orderChanged(won.ticketId, sale.id, alice.id, orderv1.OrderStatus.AWAITING_PAYMENT);
    await waitFor("ORDERED", async () => (await statusOf(sale.id, alice)) === AttemptStatus.ORDERED);
    assert.equal((await t().sales.getMyAttempt({ saleId: sale.id }, alice.as)).orderId, won.ticketId);
    await t().orderChanged(won.ticketId, sale.id, alice.id, orderv1.OrderStatus.CANCELLED, "payment timed out");
    await t().orderChanged(won.ticketId, sale.id, alice.id, orderv1.OrderStatus.CANCELLED, "payment timed out");
    await waitFor("CANCELLED", async () => (await statusOf(sale.id, alice)) === AttemptStatus.CANCELLED);
    await waitFor("the unit back", async () => (await t().sales.getFlashSale({ saleId: sale.id })).remaining === 1);
    const again = await attempt(sale.id, alice);
    assert.deepEqual([again.status, again.ticketId], [AttemptStatus.CANCELLED, won.ticketId]);
    const bobs = await waitFor("bob's win", async () => {
      const r = await attempt(sale.id, bob);
      return r.status === AttemptStatus.QUEUED ? r : undefined;
    });
    assert.notEqual(bobs.ticketId, won.ticketId);
    await waitFor("none left", async () => (await t().sales.getFlashSale({ saleId: sale.id })).remaining === 0);
  });

  void test("a paid ticket is PAID, and the admins' list counts it", async () => {
    const sale = await t().schedule(await t().sku(1990, 5), 2);
    const { alice } = t();
    const won = await attempt(sale.id, alice);
    await waitFor("the event", () => t().won.some((e) => e.ticketId === won.ticketId));
    await t().orderChanged(won.ticketId, sale.id, alice.id, orderv1.OrderStatus.AWAITING_PAYMENT);
    await t().orderChanged(won.ticketId, sale.id, alice.id, orderv1.OrderStatus.PAID);
    await waitFor("PAID", async () => (await statusOf(sale.id, alice)) === AttemptStatus.PAID);
    const listed = (await t().admin.listAllFlashSales({}, t().asAdmin)).sales.find((s) => s.id === sale.id)!;
    assert.deepEqual([listed.won, listed.ordered, listed.paid, listed.remaining], [1, 1, 1, 1]);
  });

  void test("the attempts are counted on /metrics", async () => {
    const text = await (await fetch(`http://127.0.0.1:${t().httpPort}/metrics`)).text();
    assert.match(text, /seckill_attempts_total\{outcome="won"\} [1-9]/);
    assert.match(text, /seckill_refused_total\{reason="ATTEMPT_TOKEN_INVALID"\} [1-9]/);
    assert.match(text, /seckill_queue_depth \d/);
  });
}
