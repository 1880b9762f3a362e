// The product service's hot reads, cached: product details, the category tree and SKU availability.
// Every instance drops the entries a change touches when its event arrives (events/consumers.ts),
// and the instance that made the change drops them at once; TTLs are only the safety net.
import { jsonCodec, type Cache } from "@shop/kit/cache/port";
import { readThrough, type ReadThrough } from "@shop/kit/cache/read-through";
import type { Logger } from "@shop/kit/log";
import type { CategoryRow } from "./repo/categories.ts";
import type { ProductDetail } from "./repo/details.ts";

export interface CatalogCache {
  products: ReadThrough<ProductDetail>;
  categories: ReadThrough<CategoryRow[]>;
  availability: ReadThrough<number>;
  productChanged(productId: string): Promise<void>;
  categoriesChanged(): Promise<void>;
  stockChanged(skuId: string): Promise<void>;
}

export const keys = {
  product: (id: string) => `product:${id}`,
  categories: "categories",
  availability: (skuId: string) => `availability:${skuId}`,
};

const dateFields = new Set(["createdAt", "updatedAt", "publishedAt"]);
/** JSON turns the rows' dates into strings; this turns them back. */
const reviveDates = (key: string, value: unknown) => (dateFields.has(key) && typeof value === "string" ? new Date(value) : value);

export function createCatalogCache(cache: Cache, ttl: { catalogMs: number; availabilityMs: number }, logger: Logger): CatalogCache {
  const onError = (err: unknown, op: string) => logger.warn({ err, op }, "cache failed; reading through");
  const products = readThrough<ProductDetail>(cache, { ttlMs: ttl.catalogMs, codec: jsonCodec(reviveDates), onError });
  const categories = readThrough<CategoryRow[]>(cache, { ttlMs: ttl.catalogMs, codec: jsonCodec(reviveDates), onError });
  const availability = readThrough<number>(cache, { ttlMs: ttl.availabilityMs, codec: jsonCodec(), onError });
  return {
    products,
    categories,
    availability,
    productChanged: (productId) => products.invalidate([keys.product(productId)]),
    categoriesChanged: () => categories.invalidate([keys.categories]),
    stockChanged: (skuId) => availability.invalidate([keys.availability(skuId)]),
  };
}
