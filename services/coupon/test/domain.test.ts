// The discount arithmetic and the template rules, without a database.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "@shop/kit/errors";
import { covered } from "../src/domain/categories.ts";
import { allocate, best, discountOf, judge, rank, type Line } from "../src/domain/discount.ts";
import { checkNewTemplate, statusAt, type NewTemplate, type Terms } from "../src/domain/template.ts";

const day = 86_400_000;
const now = new Date("2026-06-01T12:00:00Z");
const terms = (t: Partial<Terms>): Terms => ({
  kind: "FIXED_AMOUNT",
  currency: "EUR",
  amountOffMinor: 0,
  percentOff: 0,
  maxDiscountMinor: 0,
  minSpendMinor: 0,
  validFrom: new Date(now.getTime() - day),
  validUntil: new Date(now.getTime() + day),
  scope: "ALL",
  categoryIds: [],
  productIds: [],
  ...t,
});
const line = (skuId: string, subtotalMinor: number, more: Partial<Line> = {}): Line => ({
  skuId,
  productId: `p-${skuId}`,
  categoryId: "c",
  subtotalMinor,
  ...more,
});
const none = new Set<string>();

void describe("what a coupon takes off", () => {
  void test("a fixed amount, never more than the lines in scope", () => {
    assert.equal(discountOf(terms({ amountOffMinor: 500 }), 2000), 500);
    assert.equal(discountOf(terms({ amountOffMinor: 500 }), 300), 300);
  });

  void test("percent off rounds down and stops at max_discount when there is one", () => {
    const pct = terms({ kind: "PERCENT_OFF", percentOff: 15 });
    assert.equal(discountOf(pct, 999), 149, "149.85 rounds down");
    assert.equal(discountOf({ ...pct, maxDiscountMinor: 100 }, 999), 100);
    assert.equal(discountOf({ ...pct, maxDiscountMinor: 0 }, 100_000_000_000), 15_000_000_000, "0: no cap");
    assert.equal(discountOf(terms({ kind: "PERCENT_OFF", percentOff: 99 }), 9_007_199_254_740), 8_917_127_262_192, "no float drift on large amounts");
  });

  void test("a threshold coupon applies from the minimum spend on, counted on the lines in scope", () => {
    const spend = terms({ kind: "THRESHOLD", amountOffMinor: 1000, minSpendMinor: 5000, scope: "PRODUCTS", productIds: ["p-a"] });
    const lines = [line("a", 4000), line("b", 9000)];
    assert.deepEqual(judge(spend, "EUR", lines, none, now), { applicable: false, reason: "MIN_SPEND_NOT_MET", discountMinor: 0, allocations: [] });
    const enough = judge(spend, "EUR", [line("a", 5000), line("b", 9000)], none, now);
    assert.deepEqual(enough, { applicable: true, discountMinor: 1000, allocations: [{ skuId: "a", discountMinor: 1000 }] });
  });
});

void describe("whether a coupon applies", () => {
  void test("another currency, a coupon not yet valid, lines out of scope", () => {
    assert.equal(judge(terms({ amountOffMinor: 1 }), "USD", [line("a", 100)], none, now).applicable, false);
    assert.deepEqual(
      [
        judge(terms({ amountOffMinor: 1 }), "USD", [line("a", 100)], none, now),
        judge(terms({ amountOffMinor: 1, validFrom: new Date(now.getTime() + 1) }), "EUR", [line("a", 100)], none, now),
        judge(terms({ amountOffMinor: 1, scope: "PRODUCTS", productIds: ["p-z"] }), "EUR", [line("a", 100)], none, now),
        judge(terms({ amountOffMinor: 1, scope: "CATEGORIES", categoryIds: ["x"] }), "EUR", [line("a", 100)], new Set(["x"]), now),
      ].map((j) => !j.applicable && j.reason),
      ["CURRENCY_MISMATCH", "NOT_YET_VALID", "NOT_IN_SCOPE", "NOT_IN_SCOPE"],
    );
  });

  void test("a category scope covers the categories below the listed ones", () => {
    const tree = [
      { id: "home", children: [{ id: "kitchen", children: [{ id: "knives", children: [] }] }] },
      { id: "garden", children: [] },
    ];
    assert.deepEqual([...covered(tree, ["kitchen"])].sort(), ["kitchen", "knives"]);
    const c = terms({ kind: "PERCENT_OFF", percentOff: 10, scope: "CATEGORIES", categoryIds: ["home"] });
    const j = judge(c, "EUR", [line("a", 1000, { categoryId: "knives" }), line("b", 5000, { categoryId: "garden" })], covered(tree, ["home"]), now);
    assert.deepEqual(j, { applicable: true, discountMinor: 100, allocations: [{ skuId: "a", discountMinor: 100 }] });
  });
});

void describe("spreading a discount over the lines", () => {
  void test("shares follow the subtotals and add up exactly (largest remainder)", () => {
    const shares = allocate(100, [
      { skuId: "a", subtotalMinor: 1 },
      { skuId: "b", subtotalMinor: 1 },
      { skuId: "c", subtotalMinor: 1 },
    ]);
    assert.deepEqual(
      shares.map((s) => s.discountMinor),
      [34, 33, 33],
      "the one unit left goes to the first of equal remainders",
    );
    const uneven = allocate(1000, [
      { skuId: "a", subtotalMinor: 3333 },
      { skuId: "b", subtotalMinor: 6667 },
      { skuId: "c", subtotalMinor: 7 },
    ]);
    // exact shares 333.07, 666.23, 0.70: floors 333 + 666 + 0 = 999, the unit left goes to c (0.70)
    assert.deepEqual(
      uneven.map((s) => s.discountMinor),
      [333, 666, 1],
    );
    for (let n = 1; n <= 50; n++) {
      const lines = Array.from({ length: n }, (_, i) => ({ skuId: String(i), subtotalMinor: 97 * i + 13 }));
      const d = 12_345 % lines.reduce((s, l) => s + l.subtotalMinor, 0);
      assert.equal(
        allocate(d, lines).reduce((s, a) => s + a.discountMinor, 0),
        d,
      );
    }
  });

  void test("a discount as large as the lines takes each line to zero", () => {
    assert.deepEqual(
      allocate(300, [
        { skuId: "a", subtotalMinor: 100 },
        { skuId: "b", subtotalMinor: 200 },
      ]).map((a) => a.discountMinor),
      [100, 200],
    );
  });
});

void test("options rank applicable first, largest discount first; the best one takes something off", () => {
  const j = (applicable: boolean, discountMinor: number) =>
    applicable
      ? { applicable, discountMinor, allocations: [] }
      : { applicable, reason: "NOT_IN_SCOPE" as const, discountMinor: 0 as const, allocations: [] as [] };
  const until = new Date(now.getTime() + day);
  const ranked = rank([
    { id: "1", validUntil: until, judgement: j(false, 0) },
    { id: "2", validUntil: until, judgement: j(true, 100) },
    { id: "3", validUntil: until, judgement: j(true, 500) },
    { id: "4", validUntil: now, judgement: j(true, 100) },
  ]);
  assert.deepEqual(
    ranked.map((o) => o.id),
    ["3", "4", "2", "1"],
    "on equal discounts the one expiring sooner first",
  );
  assert.equal(best(ranked)?.id, "3");
  assert.equal(best([{ id: "5", validUntil: until, judgement: j(true, 0) }]), undefined);
});

void describe("template rules", () => {
  const base: NewTemplate = { ...terms({ amountOffMinor: 100 }), name: "n", description: "", totalQuantity: 10, perUserLimit: 1 };
  const reasonOf = (t: Partial<NewTemplate>) => {
    try {
      checkNewTemplate({ ...base, ...t });
      return "ok";
    } catch (err) {
      assert.ok(err instanceof AppError);
      assert.equal(err.kind, "invalid_argument");
      return err.reason;
    }
  };

  void test("each kind's and scope's rule", () => {
    assert.equal(reasonOf({}), "ok");
    assert.equal(reasonOf({ amountOffMinor: 0 }), "AMOUNT_OFF_REQUIRED");
    assert.equal(reasonOf({ kind: "PERCENT_OFF", amountOffMinor: 0, percentOff: 0 }), "PERCENT_OFF_OUT_OF_RANGE");
    assert.equal(reasonOf({ kind: "PERCENT_OFF", amountOffMinor: 0, percentOff: 20 }), "ok");
    assert.equal(reasonOf({ kind: "THRESHOLD", amountOffMinor: 500, minSpendMinor: 500 }), "MIN_SPEND_TOO_LOW");
    assert.equal(reasonOf({ kind: "THRESHOLD", amountOffMinor: 500, minSpendMinor: 501 }), "ok");
    assert.equal(reasonOf({ validUntil: base.validFrom }), "INVALID_VALIDITY_WINDOW");
    assert.equal(reasonOf({ scope: "CATEGORIES" }), "SCOPE_CATEGORIES_REQUIRED");
    assert.equal(reasonOf({ scope: "PRODUCTS" }), "SCOPE_PRODUCTS_REQUIRED");
    assert.equal(reasonOf({ scope: "ALL", productIds: ["x"] }), "SCOPE_MISMATCH");
  });

  void test("status comes from the window and an early end", () => {
    const w = { validFrom: new Date(now.getTime() + 1), validUntil: new Date(now.getTime() + day), endedAt: null };
    assert.equal(statusAt(w, now), "SCHEDULED");
    assert.equal(statusAt({ ...w, validFrom: now }, now), "ACTIVE");
    assert.equal(statusAt({ ...w, validFrom: now, endedAt: now }, now), "ENDED");
    assert.equal(statusAt({ ...w, validFrom: new Date(0), validUntil: now }, now), "ENDED");
  });
});
