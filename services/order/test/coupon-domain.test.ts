// A coupon's discount applied to a quote (pure): the lines' shares as the coupon service answers
// them, each bounded by its line, the order's discount their sum, the total never below 0.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyShares, couponLines } from "../src/domain/coupons.ts";
import { priceLines, type CatalogSku } from "../src/domain/pricing.ts";

const sku = (skuId: string, priceMinor: number): CatalogSku => ({
  skuId,
  productId: `p-${skuId}`,
  title: skuId,
  image: "",
  specs: [],
  priceMinor,
  currency: "EUR",
  onSale: true,
});
const catalog = new Map([sku("a", 1000), sku("b", 300)].map((s) => [s.skuId, s] as const));
const quote = () =>
  priceLines(
    [
      { skuId: "a", quantity: 2 },
      { skuId: "b", quantity: 1 },
    ],
    catalog,
    { feeMinor: 500, freeFromMinor: 0 },
  );

void describe("order domain: coupons", () => {
  void it("puts each line's share on it and the sum on the order", () => {
    const q = applyShares(
      quote(),
      new Map([
        ["a", 400],
        ["b", 100],
      ]),
    );
    assert.deepEqual(
      q.lines.map((l) => l.discountMinor),
      [400, 100],
    );
    assert.deepEqual([q.subtotalMinor, q.shippingFeeMinor, q.discountMinor, q.totalMinor], [2300, 500, 500, 2300]);
  });

  void it("never takes a line below 0, so the total never goes below the shipping fee", () => {
    const q = applyShares(
      quote(),
      new Map([
        ["a", 99_999],
        ["b", -5],
        ["gone", 700],
      ]),
    );
    assert.deepEqual(
      q.lines.map((l) => l.discountMinor),
      [2000, 0],
    );
    assert.deepEqual([q.discountMinor, q.totalMinor], [2000, 800]);
  });

  void it("sends each line with its product's category", () => {
    const lines = couponLines(quote().lines, new Map([["p-a", "cat-1"]]));
    assert.deepEqual(
      lines.map((l) => [l.skuId, l.productId, l.categoryId, l.subtotalMinor]),
      [
        ["a", "p-a", "cat-1", 2000],
        ["b", "p-b", "", 300],
      ],
    );
  });
});
