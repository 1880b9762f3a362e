// The product detail: each SKU's stock from the real inventory service, kept fresh by stock
// events, and the page still served (without figures) when inventory is down or hangs.
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { productv1 } from "@shop/contracts";
import { waitFor } from "@shop/testkit/wait";
import { makeCategory, makeProduct, rejectsWith, sku, startCatalog, type CatalogTest } from "./helpers.ts";

void describe("product service: detail", () => {
  let t: CatalogTest;
  let category: productv1.Category;
  before(async () => {
    t = await startCatalog({ inventory: true });
    category = await makeCategory(t, "Detail");
  });
  after(async () => t?.close());

  const setStock = (skuId: string, onHand: number) => t.inventoryClient!.setStock({ skuId, onHand, reason: "stock take" }, t.asAdmin);

  void it("shows every SKU with its available stock", async () => {
    const p = await makeProduct(t, {
      title: "Kettle",
      brand: "Acme",
      categoryId: category.id,
      skus: [sku(19_900, { specs: [{ key: "colour", value: "red" }] }), sku(19_900)],
    });
    await setStock(p.skus[0]!.id, 7);
    const d = await t.catalog.getProduct({ productId: p.id });
    assert.deepEqual([d.title, d.brand, d.status], ["Kettle", "Acme", productv1.ProductStatus.ON_SALE]);
    assert.deepEqual(
      d.skus.map((s) => [s.id, s.available]),
      [
        [p.skus[0]!.id, 7],
        [p.skus[1]!.id, 0],
      ],
      "a SKU without stock has 0",
    );
    assert.deepEqual(
      d.skus[0]!.specs.map((s) => [s.key, s.value]),
      [["colour", "red"]],
    );
    await rejectsWith(t.catalog.getProduct({ productId: "0190a4f0-0000-7000-8000-000000000000" }), Code.NotFound, "PRODUCT_NOT_FOUND");
  });

  void it("shows a stock change within a second (the stock event drops the cached figure)", async () => {
    const p = await makeProduct(t, { title: "Toaster", categoryId: category.id });
    const skuId = p.skus[0]!.id;
    await setStock(skuId, 5);
    assert.equal((await t.catalog.getProduct({ productId: p.id })).skus[0]!.available, 5);
    const started = Date.now();
    await setStock(skuId, 2);
    await waitFor("the new stock figure", async () => (await t.catalog.getProduct({ productId: p.id })).skus[0]!.available === 2, 1000, 20);
    assert.ok(Date.now() - started <= 1000);
  });

  void it("keeps showing an off-sale product, marked so, for old links", async () => {
    const p = await makeProduct(t, { title: "Old Model", categoryId: category.id });
    assert.equal((await t.catalog.getProduct({ productId: p.id })).status, productv1.ProductStatus.ON_SALE);
    await t.admin.unpublishProduct({ productId: p.id }, t.asAdmin);
    assert.equal((await t.catalog.getProduct({ productId: p.id })).status, productv1.ProductStatus.OFF_SALE, "the admin's instance drops its copy at once");
  });

  void it("serves the product without stock figures when the inventory service hangs", async () => {
    // A server that accepts connections and never answers: the worst kind of outage.
    const sockets = new Set<Socket>();
    const hanging: Server = createServer((s) => void sockets.add(s));
    await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", r));
    const port = String((hanging.address() as { port: number }).port);
    const b = await t.startProduct({ SHOP_INVENTORY_HTTP_PORT: port, SHOP_INVENTORY_GRPC_PORT: port, SHOP_PRODUCT_INVENTORY_TIMEOUT_MS: "300" });
    try {
      const p = await makeProduct(t, { title: "Blender", categoryId: category.id });
      const started = Date.now();
      const d = await b.catalog.getProduct({ productId: p.id });
      assert.equal(d.title, "Blender");
      assert.deepEqual(
        d.skus.map((s) => s.available),
        [undefined],
      );
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    } finally {
      for (const s of sockets) s.destroy();
      hanging.close();
    }
  });

  void it("serves the product without stock figures when the inventory service is down", async () => {
    const p = await makeProduct(t, { title: "Mixer", categoryId: category.id });
    await t.inventory!.stop();
    const started = Date.now();
    const d = await t.catalog.getProduct({ productId: p.id });
    assert.equal(d.title, "Mixer");
    assert.deepEqual(
      d.skus.map((s) => s.available),
      [undefined],
    );
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    const again = await t.catalog.getProduct({ productId: p.id });
    assert.equal(again.skus[0]!.available, undefined, "an unknown figure is not cached as a number");
  });
});
