// The payment providers' routes at the gateway, against the real payment service: the webhook
// route reads any body as raw bytes (up to 64 KiB) and answers refusals in the API's error shape;
// the sandbox's hosted page answers in HTML under a strict CSP. The paying journey itself is in
// services/payment/test/sandbox.test.ts.
import assert from "node:assert/strict";
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { assertErrorBody, client, startStack, type Call, type Stack } from "./helpers.ts";

let stack: Stack;
let call: Call;

before(async () => {
  stack = await startStack();
  call = client(stack.gateway.httpPort);
});
after(async () => {
  await stack?.stop();
});

const webhook = "/api/v1/payments/webhooks/sandbox";

void describe("provider webhooks", () => {
  void test("an unsigned delivery is 401 WEBHOOK_SIGNATURE_INVALID, whatever its content type", async () => {
    for (const contentType of ["application/json", "text/plain", "application/x-www-form-urlencoded"]) {
      const res = await call("POST", webhook, { raw: '{"id":"evt_1"}', contentType });
      assertErrorBody(res, 401, "unauthenticated");
      assert.equal((res.json.details as { reason: string }).reason, "WEBHOOK_SIGNATURE_INVALID");
    }
  });

  void test("a delivery signed with the service's generated secret is verified (an unknown payment: 404)", async () => {
    // No secret configured: the payment service made one in the data folder.
    const secret = Buffer.from(readFileSync(join(stack.dataDir, "keys", "payment-sandbox-webhook.key"), "utf8").trim(), "base64");
    const body = JSON.stringify({
      id: `evt_${randomUUID()}`,
      type: "payment.succeeded",
      payment_id: randomUUID(),
      amount_minor: 100,
      currency: "EUR",
      provider_reference: "sbx_x",
      created: Math.floor(Date.now() / 1000),
    });
    const t = Math.floor(Date.now() / 1000);
    const signature = `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
    const res = await call("POST", webhook, { raw: body, headers: { "shop-signature": signature } });
    assertErrorBody(res, 404, "not_found");
    assert.equal((res.json.details as { reason: string }).reason, "PAYMENT_NOT_FOUND");
  });

  void test("a body over 64 KiB is 413; an unknown provider 404; a malformed provider name 400", async () => {
    assertErrorBody(await call("POST", webhook, { raw: "x".repeat(64 * 1024 + 1) }), 413);
    const unknown = await call("POST", "/api/v1/payments/webhooks/stripe", { raw: "{}", headers: { "shop-signature": "t=1,v1=00" } });
    assertErrorBody(unknown, 404, "not_found");
    assert.equal((unknown.json.details as { reason: string }).reason, "PROVIDER_NOT_FOUND");
    assertErrorBody(await call("POST", "/api/v1/payments/webhooks/NOT_A_NAME!", { raw: "{}" }), 400, "invalid_argument");
  });
});

void test("the served OpenAPI document describes the webhook and the hosted page", async () => {
  const paths = (await call("GET", "/openapi.json")).json.paths as Record<string, unknown>;
  assert.ok(paths["/api/v1/payments/webhooks/{provider}"]);
  assert.ok(paths["/sandbox/checkout/{paymentId}"]);
});

void describe("the sandbox's hosted page", () => {
  void test("an unknown payment is a 404 page, private and under a strict CSP", async () => {
    for (const [method, path] of [
      ["GET", `/sandbox/checkout/${randomUUID()}`],
      ["POST", `/sandbox/checkout/${randomUUID()}/pay`],
    ] as const) {
      const res = await call(method, path);
      assert.equal(res.status, 404, res.text);
      assert.match(res.headers.get("content-type")!, /^text\/html/);
      assert.equal(res.headers.get("cache-control"), "private, no-store");
      assert.match(res.headers.get("content-security-policy")!, /^default-src 'none'/);
      assert.match(res.text, /No such payment/);
    }
  });
});
