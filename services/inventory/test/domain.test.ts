// The inventory service's pure rules: what available means and when a stock take is refused (the
// database's CHECK constraints hold the same rules under concurrency; see in-process.test.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "@shop/kit/errors";
import { available, checkSet, maxOnHand } from "../src/domain/stock.ts";

function refusal(rule: () => void): AppError | undefined {
  try {
    rule();
    return undefined;
  } catch (err) {
    assert.ok(err instanceof AppError, `not an AppError: ${String(err)}`);
    return err;
  }
}

void describe("stock rules", () => {
  void it("available is on hand less reserved", () => {
    assert.equal(available({ onHand: 10, reserved: 4 }), 6);
    assert.equal(available({ onHand: 0, reserved: 0 }), 0);
  });

  void it("a stock take may go down to what is reserved, not below", () => {
    assert.equal(
      refusal(() => checkSet("s", { onHand: 10, reserved: 4 }, 4)),
      undefined,
    );
    const err = refusal(() => checkSet("s", { onHand: 10, reserved: 4 }, 3));
    assert.deepEqual([err?.reason, err?.options.metadata], ["INSUFFICIENT_STOCK", { skuId: "s", available: "6" }]);
  });

  void it("a stock take may reach the limit, not pass it", () => {
    assert.equal(
      refusal(() => checkSet("s", { onHand: 0, reserved: 0 }, maxOnHand)),
      undefined,
    );
    assert.equal(refusal(() => checkSet("s", { onHand: 0, reserved: 0 }, maxOnHand + 1))?.reason, "STOCK_LIMIT_EXCEEDED");
  });
});
