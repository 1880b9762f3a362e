// Provider webhooks through the gateway's raw-body route: only a correctly signed, fresh delivery
// changes anything; a duplicate or replay is applied once; an amount that is not the payment's is
// refused. Each change is announced through the outbox, seen here on the bus.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { paymentv1 } from "@shop/contracts";
import type { Bus, Delivery } from "@shop/kit/bus/port";
import { waitFor } from "@shop/testkit/wait";
import { fromBinary } from "@bufbuild/protobuf";
import { eventBody, postWebhook, rejectsWith, signWebhook, startPaymentTest, watchBus, type PaymentTest } from "./helpers.ts";

void describe("payment: webhooks", () => {
  let t: PaymentTest;
  let bus: Bus;
  let received: Delivery[] = [];
  before(async () => {
    t = await startPaymentTest();
    ({ bus, received } = await watchBus(t, "payment-webhooks-test", ["payment.*"]));
  });
  after(async () => {
    await bus?.close();
    await t?.close();
  });

  async function pendingPayment() {
    const shopper = await t.shopper();
    const order = t.orders.add(shopper.id, { totalMinor: 2_500, currency: "EUR" });
    return { shopper, payment: await t.payments.createPayment({ orderId: order.orderId }, shopper.as) };
  }
  const outboxOf = async (paymentId: string) =>
    (await t.sql<{ topic: string }>("select topic from kit_outbox where position(convert_to($1, 'UTF8') in payload) > 0 order by seq", [paymentId])).rows.map(
      (r) => r.topic,
    );
  const changesOf = async (paymentId: string) =>
    (await t.sql<{ to_status: string }>("select to_status from payment_status_history where payment_id = $1 order by id", [paymentId])).rows.map(
      (r) => r.to_status,
    );
  const eventsRecorded = async (paymentId: string) =>
    (await t.sql<{ n: number }>("select count(*)::int as n from webhook_events where payment_id = $1", [paymentId])).rows[0]!.n;
  const succeededOnBus = (paymentId: string) =>
    received
      .filter((d) => d.topic === "payment.succeeded")
      .map((d) => fromBinary(paymentv1.PaymentSucceededSchema, d.payload))
      .filter((e) => e.paymentId === paymentId);

  void it("a signed payment.succeeded makes the payment SUCCEEDED and announces PaymentSucceeded", async () => {
    const { shopper, payment } = await pendingPayment();
    const body = eventBody(payment);
    const res = await postWebhook(t, body, signWebhook(body));
    assert.deepEqual([res.status, res.json], [200, { received: true, applied: true }]);
    const now = await t.payments.getPayment({ paymentId: payment.id }, shopper.as);
    assert.deepEqual([now.status, now.checkoutUrl, now.providerReference], [paymentv1.PaymentStatus.SUCCEEDED, "", payment.providerReference]);
    const history = await t.sql("select from_status, to_status, actor from payment_status_history where payment_id = $1 order by id", [payment.id]);
    assert.deepEqual(history.rows.at(-1), { from_status: "PENDING", to_status: "SUCCEEDED", actor: "provider:sandbox" });
    const [event] = await waitFor("PaymentSucceeded on the bus", () => (succeededOnBus(payment.id).length ? succeededOnBus(payment.id) : undefined));
    assert.deepEqual(
      [event!.orderId, event!.userId, event!.amountMinor, event!.currency, event!.provider],
      [payment.orderId, shopper.id, 2_500n, "EUR", "sandbox"],
    );
  });

  void it("refuses unsigned, forged and stale deliveries, and they change nothing", async () => {
    const { shopper, payment } = await pendingPayment();
    const body = eventBody(payment);
    const now = Math.floor(Date.now() / 1000);
    const refusals: [string | undefined, string][] = [
      [undefined, "WEBHOOK_SIGNATURE_INVALID"],
      ["", "WEBHOOK_SIGNATURE_INVALID"],
      [signWebhook(body, now, "another-secret-that-is-not-ours"), "WEBHOOK_SIGNATURE_INVALID"],
      [signWebhook(body.replace("2500", "2501"), now), "WEBHOOK_SIGNATURE_INVALID"], // signed other bytes
      [`t=${now},v1=${"0".repeat(64)}`, "WEBHOOK_SIGNATURE_INVALID"],
      [signWebhook(body, now - 301), "WEBHOOK_TIMESTAMP_STALE"],
      [signWebhook(body, now + 400), "WEBHOOK_TIMESTAMP_STALE"],
    ];
    for (const [signature, reason] of refusals) {
      const res = await postWebhook(t, body, signature);
      assert.equal(res.status, 401, JSON.stringify(res.json));
      assert.equal((res.json.details as { reason: string }).reason, reason);
    }
    assert.equal((await t.payments.getPayment({ paymentId: payment.id }, shopper.as)).status, paymentv1.PaymentStatus.PENDING);
    assert.deepEqual([await changesOf(payment.id), await eventsRecorded(payment.id), await outboxOf(payment.id)], [["PENDING"], 0, []]);
  });

  void it("accepts a delivery carrying several signatures when one matches (a secret being rotated)", async () => {
    const { payment } = await pendingPayment();
    const body = eventBody(payment);
    const good = signWebhook(body);
    const rotated = `${signWebhook(body, Number(/t=(\d+)/.exec(good)![1]), "the-old-secret-being-rotated-out")},${good.split(",")[1]}`;
    assert.equal((await postWebhook(t, body, rotated)).status, 200);
  });

  void it("applies a replayed or duplicated event once, also when the copies arrive together", async () => {
    const { payment } = await pendingPayment();
    const body = eventBody(payment);
    const copies = await Promise.all(Array.from({ length: 5 }, () => postWebhook(t, body, signWebhook(body))));
    assert.ok(copies.every((c) => c.status === 200));
    assert.equal(copies.filter((c) => c.json.applied === true).length, 1);
    const replay = await postWebhook(t, body, signWebhook(body));
    assert.deepEqual([replay.status, replay.json.applied], [200, false]);
    assert.deepEqual(await changesOf(payment.id), ["PENDING", "SUCCEEDED"]);
    assert.deepEqual(await outboxOf(payment.id), ["payment.succeeded"]);
    assert.equal(await eventsRecorded(payment.id), 1);
  });

  void it("refuses an amount or currency that is not the payment's, changing nothing", async () => {
    const { payment } = await pendingPayment();
    for (const over of [{ amount_minor: 1 }, { currency: "USD" }]) {
      const body = eventBody(payment, over);
      const res = await postWebhook(t, body, signWebhook(body));
      assert.equal(res.status, 400);
      assert.equal((res.json.details as { reason: string }).reason, "AMOUNT_MISMATCH");
    }
    assert.deepEqual([await changesOf(payment.id), await eventsRecorded(payment.id), await outboxOf(payment.id)], [["PENDING"], 0, []]);
  });

  void it("a payment.failed makes it FAILED with PaymentFailed, and a later failure after success is ignored", async () => {
    const { shopper, payment } = await pendingPayment();
    const failed = eventBody(payment, { type: "payment.failed" });
    assert.equal((await postWebhook(t, failed, signWebhook(failed))).json.applied, true);
    const now = await t.payments.getPayment({ paymentId: payment.id }, shopper.as);
    assert.equal(now.status, paymentv1.PaymentStatus.FAILED);
    assert.deepEqual(await outboxOf(payment.id), ["payment.failed"]);
    // The order may be paid again: a new pending payment.
    const next = await t.payments.createPayment({ orderId: payment.orderId }, shopper.as);
    assert.notEqual(next.id, payment.id);
    const paid = eventBody(next);
    await postWebhook(t, paid, signWebhook(paid));
    const late = eventBody(next, { type: "payment.failed" });
    assert.deepEqual((await postWebhook(t, late, signWebhook(late))).json, { received: true, applied: false });
    assert.equal((await t.payments.getPayment({ paymentId: next.id }, shopper.as)).status, paymentv1.PaymentStatus.SUCCEEDED);
  });

  void it("refuses malformed bodies and unknown providers", async () => {
    const { payment } = await pendingPayment();
    const junk = "{not json";
    assert.equal((await postWebhook(t, junk, signWebhook(junk))).status, 400);
    const noAmount = JSON.stringify({ ...JSON.parse(eventBody(payment)), amount_minor: "lots" });
    const res = await postWebhook(t, noAmount, signWebhook(noAmount));
    assert.deepEqual([res.status, (res.json.details as { reason: string }).reason], [400, "WEBHOOK_MALFORMED"]);
    const body = eventBody(payment);
    await rejectsWith(
      t.provider.receiveWebhook({ provider: "stripe", payload: Buffer.from(body), signature: signWebhook(body) }),
      Code.NotFound,
      "PROVIDER_NOT_FOUND",
    );
    await rejectsWith(
      t.provider.receiveWebhook({ provider: "sandbox", payload: Buffer.from(body), signature: "" }),
      Code.Unauthenticated,
      "WEBHOOK_SIGNATURE_INVALID",
    );
  });
});
