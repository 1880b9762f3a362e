// Caching across instances: a change made through instance A shows through instance B within a
// second, because every instance drops its entries when the change's event arrives; with the
// in-process cache (embedded profile) and with one Redis shared by the instances.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { requireTcp } from "@shop/testkit/servers";
import { sleep, waitFor } from "@shop/testkit/wait";
import { makeCategory, makeProduct, startCatalog, unique, type CatalogTest, type ProductInstance } from "./helpers.ts";

const redisUrl = process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

function invalidationCases(name: string, env: () => Promise<Record<string, string>>) {
  void describe(`product service: cache invalidation, ${name}`, () => {
    let t: CatalogTest;
    let a: ProductInstance;
    let b: ProductInstance;
    before(async () => {
      const extra = await env();
      t = await startCatalog({ productEnv: extra });
      a = { proc: t.product, catalog: t.catalog, search: t.search, admin: t.admin };
      b = await t.startProduct();
    });
    after(async () => t?.close());

    /** Polls B until `ok`; fails unless it holds within a second of `since`. */
    async function withinASecond(what: string, since: number, ok: () => Promise<boolean>) {
      await waitFor(what, async () => (await ok()) || undefined, 1000, 20);
      assert.ok(Date.now() - since <= 1000, `${what} took ${Date.now() - since} ms`);
    }

    void it("serves product details from the cache", async () => {
      const c = await makeCategory(t, unique("Cached"));
      const p = await makeProduct(t, { title: "Before", categoryId: c.id });
      await sleep(500); // the product's own events (created, published) reach B before it caches
      assert.equal((await b.catalog.getProduct({ productId: p.id })).title, "Before");
      // Behind the service's back: no event, so only the TTL would ever show this.
      await t.sql("update products set title = 'Changed in SQL' where id = $1", [p.id]);
      assert.equal((await b.catalog.getProduct({ productId: p.id })).title, "Before", "B answers from its cache");
    });

    void it("shows a product updated through A on B within a second", async () => {
      const c = await makeCategory(t, unique("Update"));
      const p = await makeProduct(t, { title: "Old title", categoryId: c.id });
      assert.equal((await b.catalog.getProduct({ productId: p.id })).title, "Old title"); // now cached in B
      const since = Date.now();
      await a.admin.updateProduct({ productId: p.id, title: "New title" }, t.asAdmin);
      await withinASecond("B to show the new title", since, async () => (await b.catalog.getProduct({ productId: p.id })).title === "New title");
      const price = Date.now();
      await a.admin.updateSku({ skuId: p.skus[0]!.id, priceMinor: 4242n }, t.asAdmin);
      await withinASecond("B to show the new price", price, async () => (await b.catalog.getProduct({ productId: p.id })).skus[0]!.priceMinor === 4242n);
    });

    void it("hides a product unpublished and deleted through A on B within a second", async () => {
      const c = await makeCategory(t, unique("Delete"));
      const p = await makeProduct(t, { title: "Going", categoryId: c.id });
      await b.catalog.getProduct({ productId: p.id });
      const since = Date.now();
      await a.admin.deleteProduct({ productId: p.id }, t.asAdmin);
      await withinASecond("B to forget the product", since, () =>
        b.catalog.getProduct({ productId: p.id }).then(
          () => false,
          () => true,
        ),
      );
    });

    void it("shows a change in B's product lists within a second (list pages live half a second)", async () => {
      const c = await makeCategory(t, unique("Lists"));
      const p = await makeProduct(t, { title: "Listed", categoryId: c.id });
      const price = async () => (await b.catalog.listProducts({ categoryId: c.id })).products[0]?.priceMinor;
      assert.equal(await price(), 1000n);
      const since = Date.now();
      await a.admin.updateSku({ skuId: p.skus[0]!.id, priceMinor: 777n }, t.asAdmin);
      await withinASecond("B's list to show the new price", since, async () => (await price()) === 777n);
    });

    void it("shows a category created or renamed through A in B's tree within a second", async () => {
      const hasName = async (name: string) => (await b.catalog.getCategoryTree({})).categories.some((c) => c.name === name);
      const name = unique("Fresh");
      assert.equal(await hasName(name), false); // the tree is now cached in B
      const since = Date.now();
      const c = await a.admin.createCategory({ name }, t.asAdmin);
      await withinASecond("B's tree to have the new category", since, () => hasName(name));
      const renamed = unique("Renamed");
      const again = Date.now();
      await a.admin.updateCategory({ categoryId: c.id, name: renamed }, t.asAdmin);
      await withinASecond("B's tree to have the new name", again, () => hasName(renamed));
    });
  });
}

invalidationCases("in-process caches", () => Promise.resolve({}));
invalidationCases("one shared Redis", async () => {
  const url = new URL(redisUrl);
  await requireTcp("Redis", url.hostname, Number(url.port || 6379));
  return { SHOP_REDIS_URL: redisUrl };
});
