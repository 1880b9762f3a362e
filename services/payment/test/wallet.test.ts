// The wallet balance: top-ups settled by the sandbox's webhook (credited once, whatever is
// replayed), orders paid from the balance (SUCCEEDED at once, PaymentSucceeded on the bus),
// refused beyond the balance with nothing changed, refunded back to it, and the statement.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fromBinary } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { paymentv1 } from "@shop/contracts";
import type { Bus, Delivery } from "@shop/kit/bus/port";
import { waitFor } from "@shop/testkit/wait";
import { eventBody, postWebhook, rejectsWith, signWebhook, startPaymentTest, watchBus, type PaymentTest } from "./helpers.ts";
import { balanceOf, ledgerCheck, requestRefund, topUp } from "./wallet-helpers.ts";

const { MovementKind, PaymentMethod, PaymentStatus } = paymentv1;

void describe("payment: the wallet", () => {
  let t: PaymentTest;
  let bus: Bus;
  let received: Delivery[] = [];
  before(async () => {
    t = await startPaymentTest();
    ({ bus, received } = await watchBus(t, "payment-wallet-test", ["payment.succeeded", "payment.refunded"]));
  });
  after(async () => {
    await bus?.close();
    await t?.close();
  });

  void it("credits a top-up once when the sandbox says paid; replays and later events change nothing", async () => {
    const shopper = await t.shopper();
    const done = await topUp(t, shopper, 5_000);
    assert.deepEqual([done.amountMinor, done.currency, done.checkoutUrl], [5_000n, "EUR", ""]);
    assert.equal(await balanceOf(t, shopper), 5_000n);

    // The same event id again (a replay), and a second success for the same top-up: credited once.
    const ref = { id: done.id, amountMinor: 5_000n, currency: "EUR" };
    const body = eventBody(ref);
    const first = await postWebhook(t, body, signWebhook(body));
    const replay = await postWebhook(t, body, signWebhook(body));
    assert.deepEqual([first.status, first.json.applied, replay.status, replay.json.applied], [200, false, 200, false]);
    const forged = eventBody(ref, { amount_minor: 999_999 });
    assert.equal((await postWebhook(t, forged, signWebhook(forged))).status, 400);
    assert.equal(await balanceOf(t, shopper), 5_000n);
    const { movements } = await t.wallet.listWalletStatement({}, shopper.as);
    assert.deepEqual(
      movements.map((m) => [m.kind, m.amountMinor, m.balanceAfterMinor, m.reference]),
      [[MovementKind.TOP_UP, 5_000n, 5_000n, done.id]],
    );
  });

  void it("a declined top-up credits nothing", async () => {
    const shopper = await t.shopper();
    const started = await t.wallet.createTopUp({ amountMinor: 700n, currency: "EUR" }, shopper.as);
    assert.match(started.checkoutUrl, new RegExp(`/sandbox/checkout/${started.id}$`));
    await t.provider.submitSandboxCheckout({ paymentId: started.id, outcome: paymentv1.SandboxOutcome.DECLINE });
    await waitFor(
      "the top-up to fail",
      async () => (await t.wallet.getTopUp({ topUpId: started.id }, shopper.as)).status === paymentv1.TopUpStatus.FAILED || undefined,
    );
    assert.deepEqual((await t.wallet.getWallet({}, shopper.as)).balances, []);
    // Another shopper's top-up is not found, as a missing one.
    await rejectsWith(t.wallet.getTopUp({ topUpId: started.id }, (await t.shopper()).as), Code.NotFound, "TOP_UP_NOT_FOUND");
  });

  void it("pays an order from the balance at once, announces it like a provider's payment, and refunds back", async () => {
    const shopper = await t.shopper();
    await topUp(t, shopper, 10_000);
    const order = t.orders.add(shopper.id, { totalMinor: 6_500, currency: "EUR" });
    const paid = await t.payments.createPayment({ orderId: order.orderId, method: PaymentMethod.WALLET }, shopper.as);
    assert.deepEqual([paid.status, paid.provider, paid.amountMinor, paid.checkoutUrl], [PaymentStatus.SUCCEEDED, "wallet", 6_500n, ""]);
    assert.equal(await balanceOf(t, shopper), 3_500n);
    // Asked again: the same payment, not a second charge.
    const again = await t.payments.createPayment({ orderId: order.orderId, method: PaymentMethod.WALLET }, shopper.as);
    assert.equal(again.id, paid.id);
    assert.equal(await balanceOf(t, shopper), 3_500n);
    const succeeded = await waitFor("PaymentSucceeded on the bus", () =>
      received
        .filter((d) => d.topic === "payment.succeeded")
        .map((d) => fromBinary(paymentv1.PaymentSucceededSchema, d.payload))
        .find((e) => e.paymentId === paid.id),
    );
    assert.deepEqual(
      [succeeded.orderId, succeeded.userId, succeeded.amountMinor, succeeded.currency, succeeded.provider],
      [order.orderId, shopper.id, 6_500n, "EUR", "wallet"],
    );

    await requestRefund(bus, order.orderId, paid.id);
    await requestRefund(bus, order.orderId, paid.id); // asked twice: refunded once
    const refunded = await waitFor("the payment to be refunded", async () => {
      const p = await t.payments.getPayment({ paymentId: paid.id }, shopper.as);
      return p.status === PaymentStatus.REFUNDED ? p : undefined;
    });
    assert.deepEqual([refunded.refunds.length, refunded.refunds[0]!.status], [1, "succeeded"]);
    await waitFor("PaymentRefunded on the bus", () =>
      received.find((d) => d.topic === "payment.refunded" && fromBinary(paymentv1.PaymentRefundedSchema, d.payload).paymentId === paid.id),
    );
    await waitFor("both requests handled", async () => {
      const { rows } = await t.sql<{ n: number }>("select count(*)::int as n from kit_inbox where grp = 'payment.refunds'");
      return rows[0]!.n >= 2 || undefined;
    });
    assert.equal(await balanceOf(t, shopper), 10_000n);

    const { movements } = await t.wallet.listWalletStatement({ currency: "EUR" }, shopper.as);
    assert.deepEqual(
      movements.map((m) => [m.kind, m.amountMinor, m.balanceAfterMinor, m.orderId]),
      [
        [MovementKind.REFUND, 6_500n, 10_000n, order.orderId],
        [MovementKind.PAYMENT, -6_500n, 3_500n, order.orderId],
        [MovementKind.TOP_UP, 10_000n, 10_000n, ""],
      ],
    );
    assert.equal((await ledgerCheck(t)).balanced, true);
  });

  void it("refuses a payment beyond the balance (or in a currency it does not hold) and changes nothing", async () => {
    const shopper = await t.shopper();
    await topUp(t, shopper, 1_000);
    const before = (await ledgerCheck(t)).entries;
    const order = t.orders.add(shopper.id, { totalMinor: 1_001, currency: "EUR" });
    const pay = () => t.payments.createPayment({ orderId: order.orderId, method: PaymentMethod.WALLET }, shopper.as);
    const err = await rejectsWith(pay(), Code.FailedPrecondition, "INSUFFICIENT_BALANCE");
    assert.match(err.rawMessage, /balance/);
    const dollars = t.orders.add(shopper.id, { totalMinor: 10, currency: "USD" });
    await rejectsWith(
      t.payments.createPayment({ orderId: dollars.orderId, method: PaymentMethod.WALLET }, shopper.as),
      Code.FailedPrecondition,
      "INSUFFICIENT_BALANCE",
    );
    const rows = await t.sql<{ n: number }>("select count(*)::int as n from payments where order_id = any($1)", [[order.orderId, dollars.orderId]]);
    assert.equal(rows.rows[0]!.n, 0);
    assert.equal(await balanceOf(t, shopper), 1_000n);
    assert.equal((await ledgerCheck(t)).entries, before);
    // Topped up enough, the same order goes through.
    await topUp(t, shopper, 1);
    assert.equal((await pay()).status, PaymentStatus.SUCCEEDED);
    assert.equal(await balanceOf(t, shopper), 0n);
  });

  void it("pages the statement newest first", async () => {
    const shopper = await t.shopper();
    for (const amount of [100, 200, 300]) await topUp(t, shopper, amount);
    const first = await t.wallet.listWalletStatement({ pageSize: 2 }, shopper.as);
    assert.deepEqual(
      first.movements.map((m) => [m.amountMinor, m.balanceAfterMinor]),
      [
        [300n, 600n],
        [200n, 300n],
      ],
    );
    const second = await t.wallet.listWalletStatement({ pageSize: 2, pageToken: first.nextPageToken }, shopper.as);
    assert.deepEqual([second.movements.map((m) => m.amountMinor), second.nextPageToken], [[100n], ""]);
    await rejectsWith(
      t.wallet.listWalletStatement({ currency: "USD", pageToken: first.nextPageToken }, shopper.as),
      Code.InvalidArgument,
      "INVALID_PAGE_TOKEN",
    );
  });

  void it("the database refuses an unbalanced entry and any change to the ledger", async () => {
    const { rows } = await t.sql<{ id: string }>("select id from ledger_accounts where kind = 'wallet' limit 1");
    const account = rows[0]!.id;
    await assert.rejects(
      t.sql(
        `with e as (insert into ledger_entries (id, kind, reference, currency) values (gen_random_uuid(), 'top_up', gen_random_uuid(), 'EUR') returning id)
             insert into ledger_postings (id, entry_id, account_id, amount_minor) select gen_random_uuid(), e.id, $1, 100 from e`,
        [account],
      ),
      /unbalanced/,
    );
    await assert.rejects(t.sql("delete from ledger_postings"), /append-only/);
    await assert.rejects(t.sql("update ledger_accounts set balance_minor = -1 where id = $1", [account]), /wallet_not_negative/);
    assert.equal((await ledgerCheck(t)).balanced, true);
  });
});
