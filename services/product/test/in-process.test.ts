// The product service in process: its routes behind the kit's interceptors on an in-memory
// transport, over a real PostgreSQL database of this file's own, asking a real inventory service
// that runs in process too (its own routes and database). No listener, no child process.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fromBinary } from "@bufbuild/protobuf";
import { Code, createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { events, inventoryv1, productv1 } from "@shop/contracts";
import { createMemoryCache } from "@shop/kit/cache/memory";
import { createLogger } from "@shop/kit/log";
import { rejectsWith } from "@shop/testkit/assert";
import { createTestDb, inProcessTransport, type TestDb } from "@shop/testkit/in-process";
import { createTestTokens } from "@shop/testkit/tokens";
import { sql } from "drizzle-orm";
import { v7 } from "uuid";
import { routes as inventoryRoutes } from "../../inventory/src/app.ts";
import { routes } from "../src/app.ts";
import { createCatalogCache } from "../src/cache.ts";
import { inventoryOver } from "../src/clients/inventory.ts";
import { createPgSearchIndex } from "../src/search/pg/index.ts";

const migrations = (service: string) => new URL(`../../${service}/migrations`, import.meta.url).pathname;
const S = productv1.ProductStatus;

void describe("product in process", () => {
  let productDb: TestDb;
  let inventoryDb: TestDb;
  let admin: Client<typeof productv1.AdminCatalogService>;
  let catalog: Client<typeof productv1.CatalogService>;
  let stock: Client<typeof inventoryv1.InventoryService>;
  let asAdmin: CallOptions;

  before(async () => {
    [productDb, inventoryDb] = await Promise.all([createTestDb("product", migrations("product")), createTestDb("inventory", migrations("inventory"))]);
    const { verifyToken, as } = await createTestTokens();
    asAdmin = await as(v7(), ["customer", "admin"]);
    const inventoryTransport = inProcessTransport(inventoryRoutes({ db: inventoryDb.db }), { db: inventoryDb.db, verifyToken });
    const logger = createLogger("product-test", "silent");
    const cache = createCatalogCache(
      createMemoryCache({ maxEntries: 1000, maxBytes: 1 << 24 }),
      { catalogMs: 60_000, availabilityMs: 60_000, listMs: 0 },
      logger,
    );
    const db = productDb.db;
    const transport = inProcessTransport(routes({ db, cache, inventory: inventoryOver(inventoryTransport), search: createPgSearchIndex(db), logger }), {
      db,
      verifyToken,
    });
    admin = createClient(productv1.AdminCatalogService, transport);
    catalog = createClient(productv1.CatalogService, transport);
    stock = createClient(inventoryv1.InventoryService, inventoryTransport);
  });
  after(async () => {
    await productDb?.close();
    await inventoryDb?.close();
  });

  const category = (name: string, parentId = "") => admin.createCategory({ name, parentId }, asAdmin);
  const names = (nodes: productv1.Category[]): unknown[] => nodes.map((c) => (c.children.length ? [c.name, names(c.children)] : c.name));

  void it("keeps the category tree a tree, with unique names among siblings", async () => {
    const a = await category("Home");
    const b = await category("Kitchen", a.id);
    const c = await category("Knives", b.id);
    await rejectsWith(admin.updateCategory({ categoryId: a.id, parentId: c.id }, asAdmin), Code.FailedPrecondition, "CATEGORY_CYCLE");
    await rejectsWith(admin.updateCategory({ categoryId: b.id, parentId: b.id }, asAdmin), Code.FailedPrecondition, "CATEGORY_CYCLE");
    await rejectsWith(category("HOME"), Code.AlreadyExists, "CATEGORY_NAME_TAKEN");
    await rejectsWith(category("Garden", v7()), Code.FailedPrecondition, "PARENT_CATEGORY_NOT_FOUND");
    assert.deepEqual(names((await catalog.getCategoryTree({})).categories), [["Home", [["Kitchen", ["Knives"]]]]]);
    await admin.updateCategory({ categoryId: c.id, parentId: "" }, asAdmin);
    assert.deepEqual(names((await catalog.getCategoryTree({})).categories), [["Home", ["Kitchen"]], "Knives"]);
  });

  void it("checks prices and the currency before writing anything", async () => {
    const home = await category("Tools");
    const sku = (priceMinor: bigint, currency = "CNY", compareAtPriceMinor = 0n) => ({ priceMinor, currency, compareAtPriceMinor });
    await rejectsWith(
      admin.createProduct({ title: "Saw", categoryId: home.id, skus: [sku(1000n, "CNY", 999n)] }, asAdmin),
      Code.InvalidArgument,
      "COMPARE_AT_BELOW_PRICE",
    );
    await rejectsWith(
      admin.createProduct({ title: "Saw", categoryId: home.id, skus: [sku(1000n), sku(900n, "USD")] }, asAdmin),
      Code.InvalidArgument,
      "SKU_CURRENCY_MISMATCH",
    );
    assert.equal((await admin.adminListProducts({ categoryId: home.id }, asAdmin)).products.length, 0);
    const saw = await admin.createProduct({ title: "Saw", categoryId: home.id, skus: [{ ...sku(1000n, "CNY", 1200n), code: "SAW-1" }] }, asAdmin);
    await rejectsWith(admin.createSku({ productId: saw.id, priceMinor: 800n, currency: "EUR" }, asAdmin), Code.InvalidArgument, "SKU_CURRENCY_MISMATCH");
    await rejectsWith(admin.createSku({ productId: saw.id, priceMinor: 800n, currency: "CNY", code: "SAW-1" }, asAdmin), Code.AlreadyExists, "SKU_CODE_TAKEN");
    assert.equal((await admin.adminGetProduct({ productId: saw.id }, asAdmin)).skus.length, 1);
  });

  void it("takes a product from draft to on sale and off sale, announcing each change", async () => {
    const shelf = await category("Shelves");
    const draft = await admin.createProduct({ title: "Shelf", categoryId: shelf.id }, asAdmin);
    await rejectsWith(admin.publishProduct({ productId: draft.id }, asAdmin), Code.FailedPrecondition, "PRODUCT_HAS_NO_SKU");
    await rejectsWith(catalog.getProduct({ productId: draft.id }), Code.NotFound, "PRODUCT_NOT_FOUND");
    const sku = await admin.createSku({ productId: draft.id, priceMinor: 4900n, currency: "CNY" }, asAdmin);
    await stock.setStock({ skuId: sku.id, onHand: 7, reason: "delivery" }, asAdmin);
    assert.equal((await admin.publishProduct({ productId: draft.id }, asAdmin)).status, S.ON_SALE);
    const shown = await catalog.getProduct({ productId: draft.id });
    assert.deepEqual([shown.status, shown.skus.map((s) => s.available)], [S.ON_SALE, [7]]);
    assert.equal((await admin.unpublishProduct({ productId: draft.id }, asAdmin)).status, S.OFF_SALE);
    assert.equal((await catalog.getProduct({ productId: draft.id })).status, S.OFF_SALE); // old links still open
    assert.equal((await admin.publishProduct({ productId: draft.id }, asAdmin)).status, S.ON_SALE);
    const { rows } = await productDb.db.execute<{ topic: string; payload: Buffer }>(
      sql`select topic, payload from kit_outbox where topic = ${events.productChanged.topic} order by id`,
    );
    const kinds = rows
      .map((r) => fromBinary(productv1.ProductChangedSchema, r.payload))
      .filter((e) => e.productId === draft.id)
      .map((e) => e.kind);
    const K = productv1.ProductChangeKind;
    assert.deepEqual(kinds, [K.CREATED, K.SKUS_CHANGED, K.PUBLISHED, K.UNPUBLISHED, K.PUBLISHED]);
  });

  void it("refuses to delete a category that is in use", async () => {
    const lamps = await category("Lamps");
    await admin.createProduct({ title: "Lamp", categoryId: lamps.id }, asAdmin);
    await rejectsWith(admin.deleteCategory({ categoryId: lamps.id }, asAdmin), Code.FailedPrecondition, "CATEGORY_NOT_EMPTY");
  });
});
