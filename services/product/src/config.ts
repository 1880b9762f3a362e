// The product service's configuration: the platform keys plus its caches and its call to the
// inventory service. Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const productSchema = platformSchema.extend({
  product: z
    .object({
      /** Lifetime of a cached product detail or category tree, in seconds: the safety net behind invalidation by event. */
      cacheTtlSeconds: int(1, 86_400).default(300),
      /** Lifetime of a cached list page, in ms (no invalidation: a change shows within this time). 0: lists are not cached. */
      listCacheMs: int(0, 60_000).default(500),
      /** Lifetime of a cached SKU availability, in seconds; stock changes also invalidate it by event. */
      availabilityTtlSeconds: int(1, 3600).default(30),
      /** Entries of the in-process cache (used when SHOP_REDIS_URL is empty). */
      cacheMaxEntries: int(100, 10_000_000).default(50_000),
      /** Bytes of the in-process cache. */
      cacheMaxBytes: int(1 << 20, 2 ** 40).default(64 * 1024 * 1024),
      /** Deadline of the availability call to the inventory service, in ms; past it the detail shows no stock figures. */
      inventoryTimeoutMs: int(20, 60_000).default(300),
    })
    .prefault({}),
});

export type ProductConfig = z.output<typeof productSchema>;

export const productEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_PRODUCT_CACHE_TTL_SECONDS: "product.cacheTtlSeconds",
  SHOP_PRODUCT_AVAILABILITY_TTL_SECONDS: "product.availabilityTtlSeconds",
  SHOP_PRODUCT_LIST_CACHE_MS: "product.listCacheMs",
  SHOP_PRODUCT_CACHE_MAX_ENTRIES: "product.cacheMaxEntries",
  SHOP_PRODUCT_CACHE_MAX_BYTES: "product.cacheMaxBytes",
  SHOP_PRODUCT_INVENTORY_TIMEOUT_MS: "product.inventoryTimeoutMs",
};
