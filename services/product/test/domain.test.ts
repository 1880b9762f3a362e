// The product service's pure rules, without I/O: the status machine, the category tree and its
// cycle rule, the SKU price rules, and the list filter's checks.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "@shop/kit/errors";
import { buildTree, checkNoCycle } from "../src/domain/category-tree.ts";
import { normalizeFilter, pageSizeOf } from "../src/domain/listing.ts";
import { checkCurrency, checkPrices, publiclyVisible, statusAfter, type ProductStatus } from "../src/domain/product.ts";

/** Runs `rule` and returns the reason of the AppError it throws (undefined: it passed). */
function reasonOf(rule: () => void): string | undefined {
  try {
    rule();
    return undefined;
  } catch (err) {
    assert.ok(err instanceof AppError, `not an AppError: ${String(err)}`);
    return err.reason;
  }
}

const statuses: ProductStatus[] = ["draft", "on_sale", "off_sale"];

void describe("product status: draft -> on sale <-> off sale", () => {
  void it("publishing puts any product on sale; unpublishing takes one off sale", () => {
    assert.deepEqual(
      statuses.map((s) => statusAfter.publish[s]),
      ["on_sale", "on_sale", "on_sale"],
    );
    assert.deepEqual(
      statuses.map((s) => statusAfter.unpublish[s]),
      ["draft", "off_sale", "off_sale"],
    );
  });

  void it("never goes back to draft, and a draft never goes off sale", () => {
    for (const action of ["publish", "unpublish"] as const) {
      for (const from of statuses.filter((s) => s !== "draft")) assert.notEqual(statusAfter[action][from], "draft", `${action} from ${from}`);
    }
    assert.equal(statusAfter.unpublish.draft, "draft");
  });

  void it("is idempotent: the same action twice lands where once does", () => {
    for (const action of ["publish", "unpublish"] as const) {
      for (const from of statuses) assert.equal(statusAfter[action][statusAfter[action][from]], statusAfter[action][from]);
    }
  });

  void it("shows shoppers products on sale and off sale (old links), never drafts", () => {
    assert.deepEqual(statuses.map(publiclyVisible), [false, true, true]);
  });
});

void describe("category tree", () => {
  const row = (id: string, parentId: string | null) => ({ id, parentId });

  void it("nests rows under their parents, keeping the siblings' order", () => {
    const tree = buildTree([row("a", null), row("b", "a"), row("c", null), row("d", "a"), row("e", "d")]);
    const shape = (nodes: ReturnType<typeof buildTree<{ id: string; parentId: string | null }>>): unknown[] => nodes.map((n) => [n.row.id, shape(n.children)]);
    assert.deepEqual(shape(tree), [
      [
        "a",
        [
          ["b", []],
          ["d", [["e", []]]],
        ],
      ],
      ["c", []],
    ]);
  });

  void it("refuses a move under the category itself or any of its descendants", () => {
    // Moving "a" under "e", whose chain of ancestors is e, d, a: "a" would be its own ancestor.
    assert.equal(
      reasonOf(() => checkNoCycle("a", ["e", "d", "a"])),
      "CATEGORY_CYCLE",
    );
    assert.equal(
      reasonOf(() => checkNoCycle("a", ["a"])),
      "CATEGORY_CYCLE",
    );
  });

  void it("allows a move anywhere else, including under a sibling or to the top", () => {
    assert.equal(
      reasonOf(() => checkNoCycle("d", ["c"])),
      undefined,
    );
    assert.equal(
      reasonOf(() => checkNoCycle("e", ["b", "a"])),
      undefined,
    );
    assert.equal(
      reasonOf(() => checkNoCycle("a", [])),
      undefined,
    );
  });
});

void describe("SKU prices", () => {
  const sku = (priceMinor: number, compareAtPriceMinor: number | null) => ({ priceMinor, compareAtPriceMinor, currency: "CNY" });

  void it("wants the compare-at price, when set, at least the price", () => {
    assert.equal(
      reasonOf(() => checkPrices(sku(1000, null))),
      undefined,
    );
    assert.equal(
      reasonOf(() => checkPrices(sku(1000, 1000))),
      undefined,
    );
    assert.equal(
      reasonOf(() => checkPrices(sku(1000, 1500))),
      undefined,
    );
    assert.equal(
      reasonOf(() => checkPrices(sku(1000, 999))),
      "COMPARE_AT_BELOW_PRICE",
    );
  });

  void it("keeps one currency per product; the first SKU sets it", () => {
    assert.equal(
      reasonOf(() => checkCurrency(null, "USD")),
      undefined,
    );
    assert.equal(
      reasonOf(() => checkCurrency("CNY", "CNY")),
      undefined,
    );
    let thrown: unknown;
    try {
      checkCurrency("CNY", "USD");
    } catch (err) {
      thrown = err;
    }
    assert.ok(thrown instanceof AppError && thrown.reason === "SKU_CURRENCY_MISMATCH");
    assert.deepEqual([thrown.kind, thrown.options.metadata], ["invalid_argument", { expected: "CNY" }]);
  });
});

void describe("list filters", () => {
  void it("normalizes brands (trimmed, lowercased, unique, sorted) so equal filters share a page token", () => {
    assert.deepEqual(normalizeFilter({ brands: [" Acme", "acme", "Zed", "BETA "] }).brands, ["acme", "beta", "zed"]);
  });

  void it("refuses an empty price range, and accepts a single price", () => {
    assert.equal(
      reasonOf(() => normalizeFilter({ brands: [], minPriceMinor: 500, maxPriceMinor: 100 })),
      "INVALID_PRICE_RANGE",
    );
    assert.equal(
      reasonOf(() => normalizeFilter({ brands: [], minPriceMinor: 500, maxPriceMinor: 500 })),
      undefined,
    );
  });

  void it("pages 20 by default and 100 at most", () => {
    assert.deepEqual([0, 1, 100, 1000].map(pageSizeOf), [20, 1, 100, 100]);
  });
});
