// Puts the demo catalog into the running system through the admin APIs, so every rule, event and
// index update applies as for an admin's own edits. Resumable: categories are matched by name
// under their parent, products by title; a product is published last, after its stock is set, so
// a published one is complete and an interrupted run finishes the rest.
import { setMaxListeners } from "node:events";
import { productv1 } from "@shop/contracts";
import type { SeedCatalog, SeedProduct } from "./catalog.ts";
import { asAdmin, type SeedClients } from "./clients.ts";

export interface SeedProgress {
  (done: number, total: number): void;
}

export interface Applied {
  categoriesCreated: number;
  productsCreated: number;
  productsFinished: number;
  skus: number;
}

/** Products worked on at once: enough to keep the services busy, few enough to stay polite. */
const parallel = 8;

type Existing = Map<string, { id: string; status: productv1.ProductStatus }>;

async function existingProducts(c: SeedClients, token: string, signal: AbortSignal): Promise<Existing> {
  const found: Existing = new Map();
  let pageToken = "";
  do {
    const page = await c.admin.adminListProducts({ pageSize: 100, pageToken }, asAdmin(token, signal));
    for (const p of page.products) found.set(p.title, { id: p.id, status: p.status });
    pageToken = page.nextPageToken;
  } while (pageToken);
  return found;
}

async function ensureCategories(
  c: SeedClients,
  token: string,
  catalog: SeedCatalog,
  signal: AbortSignal,
): Promise<{ ids: Map<string, string>; created: number }> {
  const existing = new Map<string, string>();
  const walk = (nodes: productv1.Category[]) =>
    nodes.forEach((n) => {
      existing.set(`${n.parentId}/${n.name}`, n.id);
      walk(n.children);
    });
  walk((await c.catalog.getCategoryTree({}, { signal })).categories);
  const ids = new Map<string, string>();
  let created = 0;
  for (const category of catalog.categories) {
    const parentId = category.parentKey ? ids.get(category.parentKey)! : "";
    let id = existing.get(`${parentId}/${category.name}`);
    if (!id) {
      id = (await c.admin.createCategory({ name: category.name, parentId, sortOrder: category.sortOrder }, asAdmin(token, signal))).id;
      created++;
    }
    ids.set(category.key, id);
  }
  return { ids, created };
}

/** Stock for each SKU (matched by code), then on sale. */
async function stockAndPublish(c: SeedClients, token: string, productId: string, product: SeedProduct, signal: AbortSignal): Promise<void> {
  const { skus } = await c.admin.adminGetProduct({ productId }, asAdmin(token, signal));
  const stockOf = new Map(product.skus.map((s) => [s.code, s.stock]));
  await Promise.all(
    skus.map((sku) => c.inventory.setStock({ skuId: sku.id, onHand: stockOf.get(sku.code) ?? 0, reason: "demo catalog" }, asAdmin(token, signal))),
  );
  await c.admin.publishProduct({ productId }, asAdmin(token, signal));
}

async function createProduct(c: SeedClients, token: string, categoryId: string, p: SeedProduct, signal: AbortSignal): Promise<string> {
  const skus = p.skus.map((s) => ({
    code: s.code,
    specs: s.specs,
    priceMinor: BigInt(s.priceMinor),
    compareAtPriceMinor: BigInt(s.compareAtPriceMinor),
    currency: s.currency,
  }));
  const created = await c.admin.createProduct(
    { title: p.title, subtitle: p.subtitle, description: p.description, brand: p.brand, categoryId, attributes: p.attributes, skus },
    asAdmin(token, signal),
  );
  return created.id;
}

export async function applyCatalog(c: SeedClients, token: string, catalog: SeedCatalog, progress: SeedProgress, stop: AbortSignal): Promise<Applied> {
  // The first failure stops the other workers too, instead of leaving them calling in the background.
  const failed = new AbortController();
  const signal = AbortSignal.any([stop, failed.signal]);
  setMaxListeners(100, signal); // every call in flight listens to it
  const { ids, created: categoriesCreated } = await ensureCategories(c, token, catalog, signal);
  const existing = await existingProducts(c, token, signal);
  const result: Applied = { categoriesCreated, productsCreated: 0, productsFinished: 0, skus: 0 };
  let next = 0;
  let done = 0;
  const work = async () => {
    while (next < catalog.products.length) {
      signal.throwIfAborted();
      const product = catalog.products[next++]!;
      const found = existing.get(product.title);
      if (found?.status !== productv1.ProductStatus.ON_SALE) {
        const id = found?.id ?? (await createProduct(c, token, ids.get(product.categoryKey)!, product, signal));
        if (!found) result.productsCreated++;
        await stockAndPublish(c, token, id, product, signal);
        result.productsFinished++;
        result.skus += product.skus.length;
      }
      progress(++done, catalog.products.length);
    }
  };
  const worker = () =>
    work().catch((err: unknown) => {
      failed.abort(err);
      throw err;
    });
  await Promise.all(Array.from({ length: parallel }, worker));
  return result;
}
