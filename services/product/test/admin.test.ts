// Catalog management: categories as a tree (no cycles, only empty ones deleted), products and
// SKUs with their rules (prices, one currency, a SKU to go on sale), the status machine, and who
// may do it (the admin role, declared in the proto, enforced by the service itself).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { productv1 } from "@shop/contracts";
import { decodeEvent } from "@shop/kit/bus/inbox";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import { createLogger } from "@shop/kit/log";
import { postgresUrl } from "@shop/testkit/servers";
import { waitFor } from "@shop/testkit/wait";
import { makeCategory, makeProduct, rejectsWith, sku, startCatalog, unique, type CatalogTest } from "./helpers.ts";

void describe("product service: admin", () => {
  let t: CatalogTest;
  before(async () => {
    t = await startCatalog();
  });
  after(async () => t?.close());

  void describe("categories", () => {
    void it("builds a tree, siblings ordered by sort order then name", async () => {
      const root = await makeCategory(t, unique("Home"));
      const b = await t.admin.createCategory({ name: "Bedding", parentId: root.id, sortOrder: 2 }, t.asAdmin);
      const k = await t.admin.createCategory({ name: "Kitchen", parentId: root.id, sortOrder: 1 }, t.asAdmin);
      const pans = await t.admin.createCategory({ name: "Pans", parentId: k.id }, t.asAdmin);
      const tree = (await t.catalog.getCategoryTree({})).categories;
      const node = tree.find((c) => c.id === root.id)!;
      assert.deepEqual(
        node.children.map((c) => c.name),
        ["Kitchen", "Bedding"],
      );
      assert.deepEqual(
        node.children[0]!.children.map((c) => c.id),
        [pans.id],
      );
      assert.equal(node.children[1]!.id, b.id);
      assert.equal(pans.parentId, k.id);
    });

    void it("refuses a sibling with the same name (case-insensitively) and a missing parent", async () => {
      const root = await makeCategory(t, unique("Garden"));
      await t.admin.createCategory({ name: "Tools", parentId: root.id }, t.asAdmin);
      await rejectsWith(t.admin.createCategory({ name: "TOOLS", parentId: root.id }, t.asAdmin), Code.AlreadyExists, "CATEGORY_NAME_TAKEN");
      await rejectsWith(
        t.admin.createCategory({ name: "Orphan", parentId: "0190a4f0-0000-7000-8000-000000000000" }, t.asAdmin),
        Code.FailedPrecondition,
        "PARENT_CATEGORY_NOT_FOUND",
      );
    });

    void it("moves a category, but never below itself", async () => {
      const a = await makeCategory(t, unique("A"));
      const b = await makeCategory(t, "B", a.id);
      const c = await makeCategory(t, "C", b.id);
      await rejectsWith(t.admin.updateCategory({ categoryId: a.id, parentId: c.id }, t.asAdmin), Code.FailedPrecondition, "CATEGORY_CYCLE");
      await rejectsWith(t.admin.updateCategory({ categoryId: a.id, parentId: a.id }, t.asAdmin), Code.FailedPrecondition, "CATEGORY_CYCLE");
      const moved = await t.admin.updateCategory({ categoryId: c.id, parentId: a.id }, t.asAdmin);
      assert.equal(moved.parentId, a.id);
      const top = await t.admin.updateCategory({ categoryId: b.id, parentId: "", name: unique("B on top") }, t.asAdmin);
      assert.equal(top.parentId, "");
      await rejectsWith(t.admin.updateCategory({ categoryId: a.id, parentId: "not-a-uuid" }, t.asAdmin), Code.InvalidArgument, "INVALID_INPUT");
    });

    void it("deletes only an empty category", async () => {
      const root = await makeCategory(t, unique("Toys"));
      const child = await makeCategory(t, "Puzzles", root.id);
      const err = await rejectsWith(t.admin.deleteCategory({ categoryId: root.id }, t.asAdmin), Code.FailedPrecondition, "CATEGORY_NOT_EMPTY");
      assert.ok(err.rawMessage.includes("sub-categories"));
      const p = await makeProduct(t, { title: "Jigsaw", categoryId: child.id, publish: false });
      await rejectsWith(t.admin.deleteCategory({ categoryId: child.id }, t.asAdmin), Code.FailedPrecondition, "CATEGORY_NOT_EMPTY");
      await t.admin.deleteProduct({ productId: p.id }, t.asAdmin);
      await t.admin.deleteCategory({ categoryId: child.id }, t.asAdmin);
      await t.admin.deleteCategory({ categoryId: root.id }, t.asAdmin);
      await rejectsWith(t.admin.deleteCategory({ categoryId: root.id }, t.asAdmin), Code.NotFound, "CATEGORY_NOT_FOUND");
      assert.ok(!(await t.catalog.getCategoryTree({})).categories.some((c) => c.id === root.id));
    });
  });

  void describe("products and SKUs", () => {
    let category: productv1.Category;
    before(async () => {
      category = await makeCategory(t, unique("Apparel"));
    });

    void it("creates a draft with its SKUs and keeps every field", async () => {
      const p = await t.admin.createProduct(
        {
          title: "Linen Shirt",
          subtitle: "Breathable",
          description: "Long description",
          brand: "Acme",
          categoryId: category.id,
          images: ["https://img.example.com/1.jpg", "/images/2.jpg"],
          attributes: [
            { key: "material", value: "linen" },
            { key: "fit", value: "regular" },
          ],
          skus: [
            sku(12_900, { code: unique("LS-M").replace(/ /g, "-"), specs: [{ key: "size", value: "M" }], compareAtPriceMinor: 15_900n }),
            sku(12_900, { specs: [{ key: "size", value: "L" }] }),
          ],
        },
        t.asAdmin,
      );
      assert.equal(p.status, productv1.ProductStatus.DRAFT);
      assert.deepEqual(p.images, ["https://img.example.com/1.jpg", "/images/2.jpg"]);
      assert.deepEqual(
        p.attributes.map((a) => [a.key, a.value]),
        [
          ["material", "linen"],
          ["fit", "regular"],
        ],
      );
      assert.equal(p.skus.length, 2);
      assert.deepEqual(
        p.skus.map((s) => s.specs[0]!.value),
        ["M", "L"],
      );
      assert.equal(p.skus[0]!.compareAtPriceMinor, 15_900n);
      assert.equal(p.skus[1]!.compareAtPriceMinor, 0n);
      assert.equal(p.skus[0]!.available, undefined, "admins get no stock figures here");
      assert.equal(p.publishedAt, undefined);
      const again = await t.admin.adminGetProduct({ productId: p.id }, t.asAdmin);
      assert.equal(again.description, "Long description");
    });

    void it("validates prices: positive, compare-at not below, one currency per product", async () => {
      await rejectsWith(t.admin.createProduct({ title: "Free", categoryId: category.id, skus: [sku(0)] }, t.asAdmin), Code.InvalidArgument, "INVALID_INPUT");
      await rejectsWith(t.admin.createProduct({ title: "Neg", categoryId: category.id, skus: [sku(-5)] }, t.asAdmin), Code.InvalidArgument, "INVALID_INPUT");
      await rejectsWith(
        t.admin.createProduct({ title: "Cheap was", categoryId: category.id, skus: [sku(1000, { compareAtPriceMinor: 999n })] }, t.asAdmin),
        Code.InvalidArgument,
        "COMPARE_AT_BELOW_PRICE",
      );
      await rejectsWith(
        t.admin.createProduct({ title: "Mixed", categoryId: category.id, skus: [sku(1000), sku(1000, { currency: "USD" })] }, t.asAdmin),
        Code.InvalidArgument,
        "SKU_CURRENCY_MISMATCH",
      );
      const p = await makeProduct(t, { title: "Socks", categoryId: category.id, publish: false });
      await rejectsWith(t.admin.createSku({ productId: p.id, priceMinor: 100n, currency: "USD" }, t.asAdmin), Code.InvalidArgument, "SKU_CURRENCY_MISMATCH");
      await rejectsWith(t.admin.createSku({ productId: p.id, priceMinor: 100n, currency: "cny" }, t.asAdmin), Code.InvalidArgument, "INVALID_INPUT");
      const s = p.skus[0]!;
      await rejectsWith(t.admin.updateSku({ skuId: s.id, compareAtPriceMinor: 500n }, t.asAdmin), Code.InvalidArgument, "COMPARE_AT_BELOW_PRICE");
      await rejectsWith(t.admin.updateSku({ skuId: s.id, priceMinor: 0n }, t.asAdmin), Code.InvalidArgument, "INVALID_INPUT");
      const updated = await t.admin.updateSku({ skuId: s.id, priceMinor: 800n, compareAtPriceMinor: 900n, currency: "USD" }, t.asAdmin);
      assert.deepEqual([updated.priceMinor, updated.compareAtPriceMinor, updated.currency], [800n, 900n, "USD"], "the only SKU may change currency");
      const cleared = await t.admin.updateSku({ skuId: s.id, compareAtPriceMinor: 0n }, t.asAdmin);
      assert.equal(cleared.compareAtPriceMinor, 0n);
    });

    void it("keeps SKU codes unique", async () => {
      const code = `DUP-${process.pid}`;
      await makeProduct(t, { title: "One", categoryId: category.id, skus: [sku(100, { code })], publish: false });
      await rejectsWith(
        t.admin.createProduct({ title: "Two", categoryId: category.id, skus: [sku(100, { code })] }, t.asAdmin),
        Code.AlreadyExists,
        "SKU_CODE_TAKEN",
      );
    });

    void it("publishes only with a SKU, and never deletes the last SKU of a product on sale", async () => {
      const p = await makeProduct(t, { title: "Hat", categoryId: category.id, skus: [], publish: false });
      await rejectsWith(t.admin.publishProduct({ productId: p.id }, t.asAdmin), Code.FailedPrecondition, "PRODUCT_HAS_NO_SKU");
      const s = await t.admin.createSku({ productId: p.id, priceMinor: 2500n, currency: "CNY" }, t.asAdmin);
      const published = await t.admin.publishProduct({ productId: p.id }, t.asAdmin);
      assert.equal(published.status, productv1.ProductStatus.ON_SALE);
      assert.ok(published.publishedAt);
      const again = await t.admin.publishProduct({ productId: p.id }, t.asAdmin);
      assert.deepEqual(again.publishedAt, published.publishedAt, "publishing twice changes nothing");
      await rejectsWith(t.admin.deleteSku({ skuId: s.id }, t.asAdmin), Code.FailedPrecondition, "LAST_SKU_ON_SALE");
      const off = await t.admin.unpublishProduct({ productId: p.id }, t.asAdmin);
      assert.equal(off.status, productv1.ProductStatus.OFF_SALE);
      await t.admin.deleteSku({ skuId: s.id }, t.asAdmin);
      await rejectsWith(t.admin.deleteSku({ skuId: s.id }, t.asAdmin), Code.NotFound, "SKU_NOT_FOUND");
      const draft = await t.admin.unpublishProduct(
        { productId: (await makeProduct(t, { title: "Scarf", categoryId: category.id, publish: false })).id },
        t.asAdmin,
      );
      assert.equal(draft.status, productv1.ProductStatus.DRAFT, "unpublishing a draft leaves it a draft");
    });

    void it("updates only the fields given, and checks a new category", async () => {
      const p = await makeProduct(t, { title: "Coat", subtitle: "Warm", brand: "Acme", categoryId: category.id, images: ["/a.jpg"] });
      const u = await t.admin.updateProduct({ productId: p.id, title: "Wool Coat", images: { urls: [] } }, t.asAdmin);
      assert.deepEqual([u.title, u.subtitle, u.brand, u.images], ["Wool Coat", "Warm", "Acme", []]);
      await rejectsWith(
        t.admin.updateProduct({ productId: p.id, categoryId: "0190a4f0-0000-7000-8000-000000000000" }, t.asAdmin),
        Code.FailedPrecondition,
        "CATEGORY_NOT_FOUND",
      );
      await rejectsWith(
        t.admin.updateProduct({ productId: "0190a4f0-0000-7000-8000-000000000000", title: "x" }, t.asAdmin),
        Code.NotFound,
        "PRODUCT_NOT_FOUND",
      );
      await rejectsWith(
        t.admin.updateProduct({ productId: p.id, images: { urls: ["javascript:alert(1)"] } }, t.asAdmin),
        Code.InvalidArgument,
        "INVALID_INPUT",
      );
    });

    void it("deletes a product with its SKUs", async () => {
      const p = await makeProduct(t, { title: "Gloves", categoryId: category.id });
      await t.admin.deleteProduct({ productId: p.id }, t.asAdmin);
      await rejectsWith(t.catalog.getProduct({ productId: p.id }), Code.NotFound, "PRODUCT_NOT_FOUND");
      assert.deepEqual((await t.catalog.batchGetSkus({ skuIds: p.skus.map((s) => s.id) })).skus, []);
      const left = (await t.sql("select count(*)::int as n from skus where product_id = $1", [p.id])).rows[0] as { n: number };
      assert.equal(left.n, 0);
    });

    void it("publishes product.changed for every change and category.changed for every category change", async () => {
      const bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${t.prefix}bus`, logger: createLogger("test", "silent") });
      const seen: { topic: string; id: string; kind: number; skuIds?: string[] }[] = [];
      try {
        await bus.subscribe("test.observer", ["product.changed", "category.changed"], (d) => {
          if (d.topic === "product.changed") {
            const e = decodeEvent(productv1.ProductChangedSchema, d);
            seen.push({ topic: d.topic, id: e.productId, kind: e.kind, skuIds: e.skuIds });
          } else {
            const e = decodeEvent(productv1.CategoryChangedSchema, d);
            seen.push({ topic: d.topic, id: e.categoryId, kind: e.kind });
          }
          return Promise.resolve();
        });
        const c = await makeCategory(t, unique("Events"));
        await t.admin.updateCategory({ categoryId: c.id, sortOrder: 5 }, t.asAdmin);
        const p = await makeProduct(t, { title: "Belt", categoryId: c.id, publish: false });
        await t.admin.updateProduct({ productId: p.id, title: "Leather Belt" }, t.asAdmin);
        const s = await t.admin.createSku({ productId: p.id, priceMinor: 100n, currency: "CNY" }, t.asAdmin);
        await t.admin.publishProduct({ productId: p.id }, t.asAdmin);
        await t.admin.unpublishProduct({ productId: p.id }, t.asAdmin);
        await t.admin.deleteProduct({ productId: p.id }, t.asAdmin);
        await t.admin.deleteCategory({ categoryId: c.id }, t.asAdmin);
        const K = productv1.ProductChangeKind;
        const C = productv1.CategoryChangeKind;
        const expected = [
          ...[C.CREATED, C.UPDATED, C.DELETED].map((k) => `category.changed:${k}`),
          ...[K.CREATED, K.UPDATED, K.SKUS_CHANGED, K.PUBLISHED, K.UNPUBLISHED, K.DELETED].map((k) => `product.changed:${k}`),
        ];
        const mine = () => seen.filter((e) => e.id === p.id || e.id === c.id);
        await waitFor("the events", () => mine().length >= expected.length);
        // Delivery order across messages is not promised; the set of kinds is.
        assert.deepEqual(
          mine()
            .map((e) => `${e.topic}:${e.kind}`)
            .sort(),
          expected.sort(),
        );
        const deleted = mine().find((e) => `${e.topic}:${e.kind}` === `product.changed:${K.DELETED}`)!;
        assert.deepEqual(deleted.skuIds!.sort(), [p.skus[0]!.id, s.id].sort(), "a deletion names the SKUs that went with it");
      } finally {
        await bus.close();
      }
    });

    void it("lists every status for admins, newest first, in pages", async () => {
      const c = await makeCategory(t, unique("Admin list"));
      const made = [];
      for (const publish of [false, true, false]) made.push(await makeProduct(t, { title: "Item", categoryId: c.id, publish }));
      const seen: string[] = [];
      let pageToken = "";
      do {
        const page = await t.admin.adminListProducts({ categoryId: c.id, pageSize: 2, pageToken }, t.asAdmin);
        seen.push(...page.products.map((p) => p.id));
        pageToken = page.nextPageToken;
      } while (pageToken);
      assert.deepEqual(seen, made.map((p) => p.id).reverse());
      const drafts = await t.admin.adminListProducts({ categoryId: c.id, status: productv1.ProductStatus.DRAFT }, t.asAdmin);
      assert.equal(drafts.products.length, 2);
    });
  });

  void describe("access", () => {
    void it("refuses every admin call to a customer and to an anonymous caller", async () => {
      const c = await makeCategory(t, unique("Access"));
      const p = await makeProduct(t, { title: "Guarded", categoryId: c.id, publish: false });
      const calls = (opts?: typeof t.asCustomer): (() => Promise<unknown>)[] => [
        () => t.admin.createCategory({ name: "Nope" }, opts),
        () => t.admin.updateCategory({ categoryId: c.id, name: "Nope" }, opts),
        () => t.admin.deleteCategory({ categoryId: c.id }, opts),
        () => t.admin.createProduct({ title: "Nope", categoryId: c.id }, opts),
        () => t.admin.adminGetProduct({ productId: p.id }, opts),
        () => t.admin.adminListProducts({}, opts),
        () => t.admin.updateProduct({ productId: p.id, title: "Nope" }, opts),
        () => t.admin.publishProduct({ productId: p.id }, opts),
        () => t.admin.unpublishProduct({ productId: p.id }, opts),
        () => t.admin.deleteProduct({ productId: p.id }, opts),
        () => t.admin.createSku({ productId: p.id, priceMinor: 1n, currency: "CNY" }, opts),
        () => t.admin.updateSku({ skuId: p.skus[0]!.id, priceMinor: 1n }, opts),
        () => t.admin.deleteSku({ skuId: p.skus[0]!.id }, opts),
      ];
      for (const call of calls(t.asCustomer)) await rejectsWith(call(), Code.PermissionDenied, "ADMIN_REQUIRED");
      for (const call of calls()) await rejectsWith(call(), Code.Unauthenticated, "TOKEN_MISSING");
      for (const call of calls({ headers: { authorization: "Bearer not.a.token" } })) await rejectsWith(call(), Code.Unauthenticated, "TOKEN_INVALID");
      const still = await t.admin.adminGetProduct({ productId: p.id }, t.asAdmin);
      assert.deepEqual([still.title, still.skus.length, still.status], ["Guarded", 1, productv1.ProductStatus.DRAFT], "nothing changed");
    });

    void it("hides drafts from the public", async () => {
      const c = await makeCategory(t, unique("Drafts"));
      const p = await makeProduct(t, { title: "Secret", categoryId: c.id, publish: false });
      await rejectsWith(t.catalog.getProduct({ productId: p.id }), Code.NotFound, "PRODUCT_NOT_FOUND");
      assert.equal((await t.catalog.listProducts({ categoryId: c.id })).products.length, 0);
    });
  });
});
