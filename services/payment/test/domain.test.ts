// The payment service's pure rules: the transitions table and the sandbox's signature scheme
// (tolerance both ways, several v1 values, nothing but an exact match accepted).
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { AppError } from "@shop/kit/errors";
import { nextStatus, paymentStatuses, transitions } from "../src/domain/status.ts";
import { sign, verify } from "../src/providers/sandbox/signature.ts";

const reasonOf = (fn: () => void) => {
  try {
    fn();
    return "accepted";
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    return err.reason;
  }
};

void describe("payment state machine", () => {
  void it("moves only as the table says; refunds only from SUCCEEDED", () => {
    assert.equal(nextStatus("PENDING", "payment.succeeded"), "SUCCEEDED");
    assert.equal(nextStatus("PENDING", "payment.failed"), "FAILED");
    assert.equal(nextStatus("SUCCEEDED", "payment.failed"), undefined);
    assert.equal(nextStatus("PENDING", "refund.requested"), undefined);
    assert.equal(nextStatus("SUCCEEDED", "refund.requested"), "REFUND_PENDING");
    assert.equal(nextStatus("REFUND_PENDING", "refund.requested"), undefined, "one refund per payment");
    assert.equal(nextStatus("REFUND_PENDING", "refund.succeeded"), "REFUNDED");
    assert.equal(nextStatus("REFUNDED", "refund.succeeded"), undefined);
    assert.ok(transitions.every((t) => paymentStatuses.includes(t.from) && paymentStatuses.includes(t.to)));
  });
});

void describe("sandbox webhook signature", () => {
  const secret = Buffer.from("a-secret-of-at-least-sixteen");
  const body = Buffer.from('{"id":"evt_1"}');
  const t = 1_800_000_000;
  const at = (seconds: number) => new Date(seconds * 1000);

  void it("is HMAC-SHA256 over '<t>.<body>', as the README computes it", () => {
    assert.equal(sign(secret, t, body), `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body.toString()}`).digest("hex")}`);
  });

  void it("accepts within 5 minutes either way, and refuses beyond", () => {
    const header = sign(secret, t, body);
    assert.equal(
      reasonOf(() => verify(secret, header, body, at(t + 300))),
      "accepted",
    );
    assert.equal(
      reasonOf(() => verify(secret, header, body, at(t - 300))),
      "accepted",
    );
    assert.equal(
      reasonOf(() => verify(secret, header, body, at(t + 301))),
      "WEBHOOK_TIMESTAMP_STALE",
    );
    assert.equal(
      reasonOf(() => verify(secret, header, body, at(t - 301))),
      "WEBHOOK_TIMESTAMP_STALE",
    );
  });

  void it("refuses anything but an exact signature of these bytes, and accepts one good v1 among several", () => {
    const good = sign(secret, t, body).split(",")[1]!;
    const other = sign(Buffer.from("another-secret-of-sixteen"), t, body).split(",")[1]!;
    for (const header of ["", "garbage", `t=${t}`, good, `t=${t},${other}`, `t=${t + 1},${good}`, `t=${t},v1=${good.slice(3, -2)}`, `t=x,${good}`]) {
      assert.equal(
        reasonOf(() => verify(secret, header, body, at(t))),
        "WEBHOOK_SIGNATURE_INVALID",
        header,
      );
    }
    assert.equal(
      reasonOf(() => verify(secret, sign(secret, t, body), Buffer.from('{"id":"evt_2"}'), at(t))),
      "WEBHOOK_SIGNATURE_INVALID",
    );
    assert.equal(
      reasonOf(() => verify(secret, `t=${t},${other},${good}`, body, at(t))),
      "accepted",
    );
  });
});
