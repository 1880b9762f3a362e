// The public list: on-sale products only, filtered by category (with its sub-categories), brand,
// price and currency, in four sorts, one keyset page at a time; and the batch reads of the cart
// and order services.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { productv1 } from "@shop/contracts";
import { makeCategory, makeProduct, rejectsWith, sku, startCatalog, type CatalogTest } from "./helpers.ts";

const S = productv1.ProductSort;

void describe("product service: list", () => {
  let t: CatalogTest;
  let root: productv1.Category;
  let child: productv1.Category;
  let grandchild: productv1.Category;
  let other: productv1.Category;
  /** The on-sale products, in the order they were published. */
  const listed: productv1.Product[] = [];
  let offSale: productv1.Product;
  let draft: productv1.Product;

  const ids = (list: { id: string }[]) => list.map((p) => p.id);
  /** Every page of a list, with a page size of `pageSize`. */
  async function allPages(req: MessageInitShape<typeof productv1.ListProductsRequestSchema>, pageSize: number): Promise<string[]> {
    const seen: string[] = [];
    let pageToken = "";
    do {
      const page = await t.catalog.listProducts({ ...req, pageSize, pageToken });
      assert.ok(page.products.length <= pageSize);
      seen.push(...ids(page.products));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return seen;
  }

  before(async () => {
    t = await startCatalog();
    root = await makeCategory(t, "Root");
    child = await makeCategory(t, "Child", root.id);
    grandchild = await makeCategory(t, "Grandchild", child.id);
    other = await makeCategory(t, "Other");
    const specs: [string, productv1.Category, string, number[], string?][] = [
      ["Alpha", root, "Acme", [3000, 5000]],
      ["Bravo", child, "acme", [1000]],
      ["Charlie", grandchild, "Zenith", [2000, 1500]],
      ["Delta", other, "Zenith", [2000]],
      ["Echo", other, "Orbit", [9900]],
      ["Foxtrot", root, "Orbit", [1000], "USD"],
    ];
    for (const [title, category, brand, prices, currency] of specs) {
      listed.push(await makeProduct(t, { title, brand, categoryId: category.id, skus: prices.map((p) => sku(p, { currency: currency ?? "CNY" })) }));
    }
    offSale = await makeProduct(t, { title: "Off", brand: "Acme", categoryId: root.id });
    await t.admin.unpublishProduct({ productId: offSale.id }, t.asAdmin);
    draft = await makeProduct(t, { title: "Draft", brand: "Acme", categoryId: root.id, publish: false });
    // Sales are counted by the order flow; here they are set directly.
    for (const [i, n] of [7, 3, 0, 12, 3, 1].entries()) await t.sql("update products set sales_count = $2 where id = $1", [listed[i]!.id, n]);
  });
  after(async () => t?.close());

  void it("lists on-sale products only, newest first, with the cheapest SKU's price", async () => {
    const res = await t.catalog.listProducts({});
    assert.deepEqual(ids(res.products), ids(listed).reverse());
    const charlie = res.products.find((p) => p.title === "Charlie")!;
    assert.equal(charlie.priceMinor, 1500n);
    assert.equal(charlie.brand, "Zenith");
    assert.equal(charlie.status, productv1.ProductStatus.ON_SALE);
    assert.ok(!ids(res.products).includes(offSale.id) && !ids(res.products).includes(draft.id));
  });

  void it("filters by category including sub-categories", async () => {
    assert.deepEqual(
      ids((await t.catalog.listProducts({ categoryId: root.id })).products).sort(),
      ids([listed[0]!, listed[1]!, listed[2]!, listed[5]!]).sort(),
    );
    assert.deepEqual(ids((await t.catalog.listProducts({ categoryId: child.id })).products).sort(), ids([listed[1]!, listed[2]!]).sort());
    assert.deepEqual(ids((await t.catalog.listProducts({ categoryId: grandchild.id })).products), [listed[2]!.id]);
  });

  void it("filters by brands (any of them, case-insensitively), price range and currency", async () => {
    const acme = await t.catalog.listProducts({ brands: ["ACME"] });
    assert.deepEqual(ids(acme.products).sort(), ids([listed[0]!, listed[1]!]).sort());
    const two = await t.catalog.listProducts({ brands: ["acme", "orbit"] });
    assert.equal(two.products.length, 4);
    const range = await t.catalog.listProducts({ minPriceMinor: 1500n, maxPriceMinor: 3000n });
    assert.deepEqual(range.products.map((p) => p.title).sort(), ["Alpha", "Charlie", "Delta"], "bounds are inclusive");
    const usd = await t.catalog.listProducts({ currency: "USD" });
    assert.deepEqual(ids(usd.products), [listed[5]!.id]);
    await rejectsWith(t.catalog.listProducts({ minPriceMinor: 10n, maxPriceMinor: 5n }), Code.InvalidArgument, "INVALID_PRICE_RANGE");
    await rejectsWith(t.catalog.listProducts({ categoryId: "nope" }), Code.InvalidArgument, "INVALID_INPUT");
  });

  void it("sorts by price both ways and by sales", async () => {
    const asc = (await t.catalog.listProducts({ sort: S.PRICE_ASC, currency: "CNY" })).products;
    assert.deepEqual(
      asc.map((p) => p.title),
      ["Bravo", "Charlie", "Delta", "Alpha", "Echo"],
    );
    const desc = (await t.catalog.listProducts({ sort: S.PRICE_DESC, currency: "CNY" })).products;
    assert.deepEqual(
      desc.map((p) => p.title),
      ["Echo", "Alpha", "Delta", "Charlie", "Bravo"],
    );
    const best = (await t.catalog.listProducts({ sort: S.BEST_SELLING })).products;
    assert.deepEqual(
      best.map((p) => [p.title, p.salesCount]),
      [
        ["Delta", 12n],
        ["Alpha", 7n],
        ["Echo", 3n],
        ["Bravo", 3n],
        ["Foxtrot", 1n],
        ["Charlie", 0n],
      ],
    );
  });

  void it("pages through every sort without gaps or repeats", async () => {
    for (const sort of [S.NEWEST, S.PRICE_ASC, S.PRICE_DESC, S.BEST_SELLING]) {
      const full = ids((await t.catalog.listProducts({ sort })).products);
      for (const size of [1, 2, 4]) assert.deepEqual(await allPages({ sort }, size), full, `sort ${S[sort]}, pages of ${size}`);
    }
    assert.deepEqual(
      await allPages({ categoryId: root.id, sort: S.PRICE_ASC }, 1),
      ids((await t.catalog.listProducts({ categoryId: root.id, sort: S.PRICE_ASC })).products),
    );
  });

  void it("refuses page tokens it did not issue for this query", async () => {
    const first = await t.catalog.listProducts({ pageSize: 2 });
    assert.ok(first.nextPageToken);
    await rejectsWith(t.catalog.listProducts({ pageSize: 2, sort: S.PRICE_ASC, pageToken: first.nextPageToken }), Code.InvalidArgument, "INVALID_PAGE_TOKEN");
    await rejectsWith(t.catalog.listProducts({ pageSize: 2, brands: ["acme"], pageToken: first.nextPageToken }), Code.InvalidArgument, "INVALID_PAGE_TOKEN");
    for (const pageToken of ["garbage", Buffer.from('["x",1,"y"]').toString("base64url"), Buffer.from("{}").toString("base64url")]) {
      await rejectsWith(t.catalog.listProducts({ pageToken }), Code.InvalidArgument, "INVALID_PAGE_TOKEN");
    }
    const second = await t.catalog.listProducts({ pageSize: 2, pageToken: first.nextPageToken });
    assert.equal(second.products.length, 2);
  });

  void it("gets many products and SKUs by id, in any status, in the order asked", async () => {
    const missing = "0190a4f0-0000-7000-8000-000000000000";
    const res = await t.catalog.batchGetProducts({ productIds: [draft.id, missing, listed[0]!.id, offSale.id] });
    assert.deepEqual(ids(res.products), [draft.id, listed[0]!.id, offSale.id]);
    assert.equal(res.products[1]!.skus.length, 2);
    assert.equal(res.products[2]!.status, productv1.ProductStatus.OFF_SALE);
    const skuIds = [listed[2]!.skus[1]!.id, missing, listed[0]!.skus[0]!.id];
    const skus = await t.catalog.batchGetSkus({ skuIds });
    assert.deepEqual(
      skus.skus.map((s) => s.sku!.id),
      [skuIds[0], skuIds[2]],
    );
    assert.deepEqual(
      [skus.skus[0]!.productTitle, skus.skus[0]!.sku!.priceMinor, skus.skus[0]!.productStatus],
      ["Charlie", 1500n, productv1.ProductStatus.ON_SALE],
    );
    await rejectsWith(t.catalog.batchGetSkus({ skuIds: [] }), Code.InvalidArgument, "INVALID_INPUT");
  });
});
