// The inventory service's pure rules: what available means, when a stock take is refused (the
// database's CHECK constraints hold the same rules under concurrency; see in-process.test.ts), and
// a reservation's moves.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "@shop/kit/errors";
import { canMove, sortedLines } from "../src/domain/reservation.ts";
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

void describe("reservation rules", () => {
  void it("an open reservation is committed or released, and then stays", () => {
    const moves = (["open", "committed", "released"] as const).flatMap((from) =>
      (["open", "committed", "released"] as const).filter((to) => canMove(from, to)).map((to) => `${from}->${to}`),
    );
    assert.deepEqual(moves, ["open->committed", "open->released"]);
  });

  void it("orders lines by SKU (the one lock order) and refuses a SKU named twice", () => {
    const lines = [
      { skuId: "c", quantity: 1 },
      { skuId: "a", quantity: 2 },
      { skuId: "b", quantity: 3 },
    ];
    assert.deepEqual(
      sortedLines(lines).map((l) => l.skuId),
      ["a", "b", "c"],
    );
    assert.equal(lines[0]!.skuId, "c", "the request's lines are left as they were");
    const err = refusal(() => sortedLines([...lines, { skuId: "a", quantity: 1 }]));
    assert.deepEqual([err?.kind, err?.reason, err?.options.violations?.[0]?.field], ["invalid_argument", "INVALID_INPUT", "lines[3].skuId"]);
  });
});
