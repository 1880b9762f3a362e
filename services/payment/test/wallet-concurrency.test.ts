// The wallet under concurrency: many payments at once from one balance (exactly those it covers
// win), refunds racing new payments, and the same top-up webhook delivered many times at once.
// Afterwards the ledger balances: every currency sums to zero, no wallet is negative, and every
// wallet's kept balance is the sum of its postings.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConnectError } from "@connectrpc/connect";
import { paymentv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import type { Bus } from "@shop/kit/bus/port";
import { waitFor } from "@shop/testkit/wait";
import { eventBody, postWebhook, signWebhook, startPaymentTest, watchBus, type PaymentTest, type Shopper } from "./helpers.ts";
import { balanceOf, ledgerCheck, requestRefund, topUp } from "./wallet-helpers.ts";

const { PaymentMethod, PaymentStatus } = paymentv1;

void describe("payment: the wallet under concurrency", () => {
  let t: PaymentTest;
  let bus: Bus;
  before(async () => {
    t = await startPaymentTest();
    ({ bus } = await watchBus(t, "payment-wallet-concurrency-test", ["payment.refunded"]));
  });
  after(async () => {
    await bus?.close();
    await t?.close();
  });

  /** Pays a new order of `amountMinor` from the wallet: the payment, or the refusal's reason. */
  async function payNew(shopper: Shopper, amountMinor: number): Promise<paymentv1.Payment | string> {
    const order = t.orders.add(shopper.id, { totalMinor: amountMinor, currency: "EUR" });
    try {
      return await t.payments.createPayment({ orderId: order.orderId, method: PaymentMethod.WALLET }, shopper.as);
    } catch (err) {
      return errorDetailOf(ConnectError.from(err))?.reason ?? String(err);
    }
  }

  const paid = (results: (paymentv1.Payment | string)[]) => results.filter((r): r is paymentv1.Payment => typeof r !== "string");

  void it("many payments at once: exactly the ones the balance covers win; refunds racing payments keep the ledger whole", async () => {
    const shoppers = await Promise.all([1, 2, 3].map(() => t.shopper()));
    await Promise.all(shoppers.map((s) => topUp(t, s, 10_000)));

    const rounds = await Promise.all(shoppers.map((s) => Promise.all(Array.from({ length: 8 }, () => payNew(s, 3_000)))));
    for (const [i, results] of rounds.entries()) {
      assert.equal(paid(results).length, 3, `shopper ${i}: ${JSON.stringify(results.filter((r) => typeof r === "string"))}`);
      assert.deepEqual(new Set(results.filter((r) => typeof r === "string")), new Set(["INSUFFICIENT_BALANCE"]));
      assert.equal(await balanceOf(t, shoppers[i]!), 1_000n);
    }

    // Every payment refunded while each shopper spends again at once: the refunds credit what the
    // new payments may take, in whichever order they land.
    const payments = rounds.flatMap(paid);
    const [, second] = await Promise.all([
      // Published one after the other (the test's bus has a small pool); handled concurrently.
      (async () => {
        for (const p of payments) await requestRefund(bus, p.orderId, p.id);
      })(),
      Promise.all(shoppers.map((s) => Promise.all(Array.from({ length: 6 }, () => payNew(s, 2_000))))),
    ]);
    await waitFor("every refund done", async () => {
      const { rows } = await t.sql<{ n: number }>("select count(*)::int as n from refunds where status = 'succeeded' and payment_id = any($1)", [
        payments.map((p) => p.id),
      ]);
      return rows[0]!.n === payments.length || undefined;
    });
    for (const [i, s] of shoppers.entries()) {
      const spent = paid(second[i]!).length * 2_000;
      assert.ok(spent <= 10_000, `shopper ${i} spent ${spent}`);
      assert.equal(await balanceOf(t, s), BigInt(10_000 - spent));
      for (const p of payments.filter((p) => p.userId === s.id))
        assert.equal((await t.payments.getPayment({ paymentId: p.id }, s.as)).status, PaymentStatus.REFUNDED);
    }
    const check = await ledgerCheck(t);
    assert.deepEqual([check.balanced, check.unbalancedEntries, check.negativeWallets, check.driftedWallets], [true, 0n, 0n, 0n]);
    assert.deepEqual(
      check.sums.map((s) => [s.currency, s.sumMinor]),
      [["EUR", 0n]],
    );
  });

  void it("one top-up's webhook delivered many times at once credits it once", async () => {
    const shopper = await t.shopper();
    const started = await t.wallet.createTopUp({ amountMinor: 4_200n, currency: "EUR" }, shopper.as);
    const ref = { id: started.id, amountMinor: 4_200n, currency: "EUR" };
    const same = eventBody(ref);
    const bodies = [...Array.from({ length: 6 }, () => same), ...Array.from({ length: 6 }, () => eventBody(ref))];
    const answers = await Promise.all(bodies.map((b) => postWebhook(t, b, signWebhook(b))));
    assert.deepEqual(
      answers.map((a) => a.status),
      bodies.map(() => 200),
    );
    assert.equal(answers.filter((a) => a.json.applied === true).length, 1);
    assert.equal(await balanceOf(t, shopper), 4_200n);
    const { rows } = await t.sql<{ n: number }>("select count(*)::int as n from ledger_entries where kind = 'top_up' and reference = $1", [started.id]);
    assert.equal(rows[0]!.n, 1);
    assert.equal((await ledgerCheck(t)).balanced, true);
  });
});
