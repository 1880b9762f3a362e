// The order's rules as pure functions: the transitions table, the checkout saga's order of steps,
// pricing with the shipping fee rule.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "@shop/kit/errors";
import { priceLines, shippingFee, type CatalogSku } from "../src/domain/pricing.ts";
import { nextStep, sagaSteps } from "../src/domain/saga.ts";
import { canTransition, checkTransition, statuses } from "../src/domain/status.ts";

const sku = (skuId: string, priceMinor: number, over: Partial<CatalogSku> = {}): CatalogSku => ({
  skuId,
  productId: `p-${skuId}`,
  title: `Thing ${skuId}`,
  image: "",
  specs: [],
  priceMinor,
  currency: "EUR",
  onSale: true,
  ...over,
});
const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError);
    return err.reason;
  }
  assert.fail("no error");
};

void describe("order domain", () => {
  void it("allows exactly the transitions of the state machine", () => {
    const allowed = statuses.flatMap((from) => statuses.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    assert.deepEqual(allowed, [
      "PENDING→AWAITING_PAYMENT",
      "PENDING→FAILED",
      "AWAITING_PAYMENT→PAID",
      "AWAITING_PAYMENT→CANCELLED",
      "PAID→SHIPPED",
      "PAID→CANCELLED",
      "SHIPPED→COMPLETED",
    ]);
    assert.equal(
      reasonOf(() => checkTransition("CANCELLED", "PAID")),
      "ILLEGAL_TRANSITION",
    );
  });

  void it("runs the saga's steps in order, ending in done", () => {
    assert.deepEqual(sagaSteps, ["reserve_stock", "redeem_coupon", "await_payment"]);
    assert.deepEqual(
      sagaSteps.map((s) => nextStep(s)),
      ["redeem_coupon", "await_payment", "done"],
    );
  });

  void it("charges the flat fee below the threshold, nothing from it on, always the fee when the threshold is 0", () => {
    assert.deepEqual([shippingFee(9899, { feeMinor: 1000, freeFromMinor: 9900 }), shippingFee(9900, { feeMinor: 1000, freeFromMinor: 9900 })], [1000, 0]);
    assert.equal(shippingFee(1_000_000, { feeMinor: 700, freeFromMinor: 0 }), 700);
  });

  void it("prices lines at the catalog's price and refuses what cannot be bought", () => {
    const catalog = new Map([
      ["a", sku("a", 250)],
      ["b", sku("b", 1000)],
      ["off", sku("off", 100, { onSale: false })],
      ["usd", sku("usd", 100, { currency: "USD" })],
    ]);
    const rule = { feeMinor: 500, freeFromMinor: 0 };
    const q = priceLines(
      [
        { skuId: "a", quantity: 4 },
        { skuId: "b", quantity: 1 },
      ],
      catalog,
      rule,
    );
    assert.deepEqual([q.subtotalMinor, q.shippingFeeMinor, q.discountMinor, q.totalMinor, q.currency], [2000, 500, 0, 2500, "EUR"]);
    assert.deepEqual(
      q.lines.map((l) => [l.skuId, l.subtotalMinor]),
      [
        ["a", 1000],
        ["b", 1000],
      ],
    );
    assert.equal(
      reasonOf(() => priceLines([], catalog, rule)),
      "NOTHING_SELECTED",
    );
    assert.equal(
      reasonOf(() => priceLines([{ skuId: "off", quantity: 1 }], catalog, rule)),
      "LINE_UNAVAILABLE",
    );
    assert.equal(
      reasonOf(() => priceLines([{ skuId: "gone", quantity: 1 }], catalog, rule)),
      "LINE_UNAVAILABLE",
    );
    assert.equal(
      reasonOf(() =>
        priceLines(
          [
            { skuId: "a", quantity: 1 },
            { skuId: "usd", quantity: 1 },
          ],
          catalog,
          rule,
        ),
      ),
      "MIXED_CURRENCIES",
    );
  });
});
