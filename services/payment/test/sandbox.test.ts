// The sandbox provider end to end through the gateway, as a shopper's browser uses it: the hosted
// checkout page, the Pay and Decline buttons, and the outcome arriving back as a signed webhook
// that the sandbox POSTs to the gateway. The order service is the TEST DOUBLE.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { paymentv1 } from "@shop/contracts";
import { waitFor } from "@shop/testkit/wait";
import { startPaymentTest, type PaymentTest, type Shopper } from "./helpers.ts";

void describe("payment: the sandbox checkout through the gateway", () => {
  let t: PaymentTest;
  before(async () => (t = await startPaymentTest()));
  after(async () => t?.close());

  async function checkout(shopper: Shopper, number?: string) {
    const order = t.orders.add(shopper.id, { totalMinor: 12_345, currency: "EUR", ...(number ? { number } : {}) });
    return t.payments.createPayment({ orderId: order.orderId }, shopper.as);
  }
  const press = (paymentId: string, button: "pay" | "decline") =>
    fetch(`${t.gatewayUrl}/sandbox/checkout/${paymentId}/${button}`, {
      method: "POST",
      redirect: "manual",
      // What a browser sends for a form without fields.
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
  const statusOf = async (shopper: Shopper, id: string) => (await t.payments.getPayment({ paymentId: id }, shopper.as)).status;

  void it("shows the order and amount on a private, script-free page with Pay and Decline", async () => {
    const shopper = await t.shopper();
    const payment = await checkout(shopper, `N-<b>"1"</b>`);
    const res = await fetch(payment.checkoutUrl);
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /^text\/html/);
    assert.equal(res.headers.get("cache-control"), "private, no-store");
    const csp = res.headers.get("content-security-policy")!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /form-action 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(html, /N-&lt;b&gt;&quot;1&quot;&lt;\/b&gt;/, "the order number, escaped");
    assert.doesNotMatch(html, /<b>/);
    assert.match(html, /€123\.45/);
    assert.match(html, new RegExp(`action="/sandbox/checkout/${payment.id}/pay"`));
    assert.match(html, new RegExp(`action="/sandbox/checkout/${payment.id}/decline"`));
    assert.doesNotMatch(html, /<script|src=|<link/, "no script and no external asset");
    // Its one link goes back to the shop's own return page, on this origin.
    assert.deepEqual(
      [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]),
      [`/pay/return/${payment.id}`],
    );
  });

  void it("Pay: the sandbox's signed webhook comes back through the gateway and the payment succeeds", async () => {
    const shopper = await t.shopper();
    const payment = await checkout(shopper);
    const res = await press(payment.id, "pay");
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `/sandbox/checkout/${payment.id}?submitted=1`);
    await waitFor("the payment to succeed", async () => (await statusOf(shopper, payment.id)) === paymentv1.PaymentStatus.SUCCEEDED);
    const page = await (await fetch(`${t.gatewayUrl}${res.headers.get("location")}`)).text();
    assert.match(page, /Paid/);
    assert.doesNotMatch(page, /<form/);
    // Pressing again once paid sends nothing more.
    assert.equal((await press(payment.id, "decline")).status, 303);
    const applied = await t.sql("select count(*)::int as n from webhook_events where payment_id = $1", [payment.id]);
    assert.equal(applied.rows[0]!.n, 1);
    assert.equal(await statusOf(shopper, payment.id), paymentv1.PaymentStatus.SUCCEEDED);
  });

  void it("Decline: the payment fails with the provider's reason", async () => {
    const shopper = await t.shopper();
    const payment = await checkout(shopper);
    assert.equal((await press(payment.id, "decline")).status, 303);
    await waitFor("the payment to fail", async () => (await statusOf(shopper, payment.id)) === paymentv1.PaymentStatus.FAILED);
    assert.match((await t.payments.getPayment({ paymentId: payment.id }, shopper.as)).failureReason, /declined/);
  });

  void it("answers an unknown or malformed payment id with an HTML page, not a stack", async () => {
    for (const [id, status] of [
      ["0190d5a4-0000-7000-8000-000000000000", 404],
      ["not-a-uuid", 400],
    ] as const) {
      const res = await fetch(`${t.gatewayUrl}/sandbox/checkout/${id}`);
      assert.equal(res.status, status);
      const html = await res.text();
      assert.match(html, /No such payment/);
      assert.ok(res.headers.get("content-security-policy"));
    }
  });
});
