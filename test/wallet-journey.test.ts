// The wallet balance through the gateway, against every real service: a shopper tops up on the
// sandbox's page, pays an order from the balance (the order becomes PAID through the payment
// events, as with a provider), is refused an order the balance does not cover, gets the balance
// back when an admin refunds the order, and reads the statement; the ledger checks out.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import { assertErrorBody } from "../services/gateway/test/helpers.ts";
import { createSku, orderReaches, placeOrder, shopper, startShop, type Shop, type Shopper } from "./checkout-shop.ts";

let shop: Shop;

before(async () => {
  shop = await startShop();
});

after(async () => {
  await shop?.stack.stop();
});

const balanceOf = async (who: Shopper) => {
  const res = await shop.call("GET", "/api/v1/wallet", { token: who.access });
  assert.equal(res.status, 200, res.text);
  const eur = (res.json.balances as { currency: string; balanceMinor?: string }[]).find((b) => b.currency === "EUR");
  return Number(eur?.balanceMinor ?? 0);
};

async function order(who: Shopper, skuId: string, quantity: number): Promise<string> {
  assert.equal((await shop.call("POST", "/api/v1/cart/items", { token: who.access, body: { skuId, quantity } })).status, 200);
  const placed = await placeOrder(shop.call, who);
  assert.equal(placed.status, 200, placed.text);
  return placed.json.id as string;
}

void test("top up on the sandbox page, pay from the balance, be refused beyond it, get it back on refund", async () => {
  const { call, adminToken } = shop;
  const me = await shopper(call);

  // Bad top-ups are refused and leave nothing behind.
  for (const body of [
    { amountMinor: "0", currency: "EUR" },
    { amountMinor: "-500", currency: "EUR" },
    { amountMinor: "100", currency: "eur" },
    { amountMinor: "999999999999", currency: "EUR" },
  ])
    assertErrorBody(await call("POST", "/api/v1/wallet/top-ups", { token: me.access, body }), 400);
  assert.equal((await call("POST", "/api/v1/wallet/top-ups", { body: { amountMinor: "100", currency: "EUR" } })).status, 401);

  // A retried top-up request (same Idempotency-Key) is the same top-up.
  const key = randomUUID();
  const topUp = await call("POST", "/api/v1/wallet/top-ups", {
    token: me.access,
    body: { amountMinor: "10000", currency: "EUR" },
    headers: { "idempotency-key": key },
  });
  assert.equal(topUp.status, 200, topUp.text);
  const retried = await call("POST", "/api/v1/wallet/top-ups", {
    token: me.access,
    body: { amountMinor: "10000", currency: "EUR" },
    headers: { "idempotency-key": key },
  });
  assert.equal(retried.json.id, topUp.json.id);
  assert.equal(topUp.json.status, "TOP_UP_STATUS_PENDING");
  const page = new URL(topUp.json.checkoutUrl as string).pathname;
  const shown = await (await fetch(`http://127.0.0.1:${shop.stack.gateway.httpPort}${page}`)).text();
  assert.match(shown, /<strong>Wallet top-up<\/strong>/, "the page names a top-up, not an order");
  const pay = await fetch(`http://127.0.0.1:${shop.stack.gateway.httpPort}${page}/pay`, { method: "POST", redirect: "manual" });
  assert.ok(pay.status < 400, `pay: ${pay.status} ${await pay.text()}`);
  await waitFor("the top-up credited", async () => ((await balanceOf(me)) === 10_000 ? true : undefined));

  const { skuId } = await createSku(shop, 10, 2_500);
  const first = await order(me, skuId, 2); // 5,000 and any shipping
  const paid = await call("POST", `/api/v1/orders/${first}/payments`, {
    token: me.access,
    body: { method: "PAYMENT_METHOD_WALLET" },
    headers: { "idempotency-key": randomUUID() },
  });
  assert.equal(paid.status, 200, paid.text);
  assert.deepEqual([paid.json.status, paid.json.provider], ["PAYMENT_STATUS_SUCCEEDED", "wallet"]);
  await orderReaches(call, me, first, "ORDER_STATUS_PAID");
  const total = Number(paid.json.amountMinor);
  assert.ok(total >= 5_000);
  const left = 10_000 - total;
  assert.equal(await balanceOf(me), left);

  const second = await order(me, skuId, 3); // 7,500: more than is left
  const refused = await call("POST", `/api/v1/orders/${second}/payments`, { token: me.access, body: { method: "PAYMENT_METHOD_WALLET" } });
  assertErrorBody(refused, 400);
  assert.equal((refused.json.details as { reason: string }).reason, "INSUFFICIENT_BALANCE");
  assert.equal(await balanceOf(me), left);
  assert.deepEqual((await call("GET", `/api/v1/orders/${second}/payments`, { token: me.access })).json.payments ?? [], []);

  const refund = await call("POST", `/api/v1/admin/orders/${first}/refund`, { token: adminToken, body: { reason: "out of stock after all" } });
  assert.equal(refund.status, 200, refund.text);
  await waitFor("the order's refund is done", async () => {
    const res = await call("GET", `/api/v1/orders/${first}`, { token: me.access });
    return res.json.refundStatus === "REFUND_STATUS_REFUNDED" || undefined;
  });
  assert.equal(await balanceOf(me), 10_000);

  const statement = await call("GET", "/api/v1/wallet/statement?pageSize=10", { token: me.access });
  assert.equal(statement.status, 200, statement.text);
  const movements = statement.json.movements as { kind: string; amountMinor: string; balanceAfterMinor: string; orderId?: string }[];
  assert.deepEqual(
    movements.map((m) => [m.kind, m.amountMinor, m.balanceAfterMinor, m.orderId ?? ""]),
    [
      ["MOVEMENT_KIND_REFUND", String(total), "10000", first],
      ["MOVEMENT_KIND_PAYMENT", String(-total), String(left), first],
      ["MOVEMENT_KIND_TOP_UP", "10000", "10000", ""],
    ],
  );

  assert.equal((await call("GET", "/api/v1/admin/wallet/ledger-check", { token: me.access })).status, 403);
  const check = await call("GET", "/api/v1/admin/wallet/ledger-check", { token: adminToken });
  assert.equal(check.status, 200, check.text);
  assert.equal(check.json.balanced, true, check.text);
});
