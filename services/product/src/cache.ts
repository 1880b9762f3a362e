// The product service's hot reads, cached: product details, the category tree and SKU availability.
// Every instance drops the entries a change touches when its event arrives (events/consumers.ts),
// and the instance that made the change drops them at once; TTLs are only the safety net. List
// pages are the exception: any change may move any page, so they are kept only for about a second
// (a micro-cache: a hot page costs one query per second per instance, not one per request).
import { jsonCodec, type Cache, type Codec } from "@shop/kit/cache/port";
import { readThrough, type ReadThrough } from "@shop/kit/cache/read-through";
import type { Logger } from "@shop/kit/log";
import type { CategoryRow } from "./repo/categories.ts";
import type { ProductDetail } from "./repo/details.ts";
import type { SummaryRow } from "./repo/listing.ts";

export interface ListPage {
  products: SummaryRow[];
  nextPageToken: string;
}

export interface CatalogCache {
  products: ReadThrough<ProductDetail>;
  /** List pages, for a second or so (no invalidation: the TTL alone keeps them that fresh). */
  lists: ReadThrough<ListPage> | undefined;
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
  list: (fingerprint: string, pageToken: string, limit: number) => `list:${fingerprint}:${limit}:${pageToken}`,
};

const json = jsonCodec<unknown>();

/**
 * JSON turns the rows' dates into strings; this turns them back, in place. (A JSON.parse reviver
 * would do the same, but visits every value of every hit.)
 */
function reviveDates<T extends object>(row: T): T {
  const r = row as Record<string, unknown>;
  for (const key of ["createdAt", "updatedAt", "publishedAt"]) if (typeof r[key] === "string") r[key] = new Date(r[key]);
  return row;
}

/**
 * Entries cached before ratings existed (a shared Redis outlives a deploy) lack the rating fields:
 * read them as no reviews yet, in place, or the average would be NaN until the entry expires.
 */
function ratingDefaults<T extends object>(row: T, fields: readonly string[]): T {
  const r = row as Record<string, unknown>;
  for (const key of fields) r[key] ??= 0;
  return row;
}
const detailRatings = ["ratingSum", "ratingCount", "ratingVersion", "ratingScore"] as const;
const summaryRatings = ["ratingCount", "ratingScore"] as const;

const productCodec: Codec<ProductDetail> = {
  encode: json.encode,
  decode(bytes) {
    const product = ratingDefaults(reviveDates(json.decode(bytes) as ProductDetail), detailRatings);
    product.skus.forEach(reviveDates);
    return product;
  },
};

const listCodec: Codec<ListPage> = {
  encode: json.encode,
  decode(bytes) {
    const page = json.decode(bytes) as ListPage;
    for (const row of page.products) ratingDefaults(reviveDates(row), summaryRatings);
    return page;
  },
};

const categoriesCodec: Codec<CategoryRow[]> = { encode: json.encode, decode: (bytes) => (json.decode(bytes) as CategoryRow[]).map(reviveDates) };

export function createCatalogCache(cache: Cache, ttl: { catalogMs: number; availabilityMs: number; listMs: number }, logger: Logger): CatalogCache {
  const onError = (err: unknown, op: string) => logger.warn({ err, op }, "cache failed; reading through");
  const products = readThrough(cache, { ttlMs: ttl.catalogMs, codec: productCodec, onError });
  const categories = readThrough(cache, { ttlMs: ttl.catalogMs, codec: categoriesCodec, onError });
  const availability = readThrough<number>(cache, { ttlMs: ttl.availabilityMs, codec: jsonCodec(), onError });
  return {
    products,
    lists: ttl.listMs > 0 ? readThrough(cache, { ttlMs: ttl.listMs, codec: listCodec, onError }) : undefined,
    categories,
    availability,
    productChanged: (productId) => products.invalidate([keys.product(productId)]),
    categoriesChanged: () => categories.invalidate([keys.categories]),
    stockChanged: (skuId) => availability.invalidate([keys.availability(skuId)]),
  };
}
