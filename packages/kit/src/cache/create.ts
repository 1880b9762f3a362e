// Picks the cache adapter from the configuration: Redis when SHOP_REDIS_URL is set, else in process.
import type { Logger } from "../log.ts";
import { createMemoryCache } from "./memory.ts";
import type { Cache } from "./port.ts";
import { createRedisCache } from "./redis.ts";

export interface CreateCacheOptions {
  redisUrl: string;
  /** Keys of this cache in a shared Redis start with it. */
  keyPrefix: string;
  /** Bounds of the in-process adapter. */
  maxEntries: number;
  maxBytes: number;
  logger: Logger;
}

export async function createCache(opts: CreateCacheOptions): Promise<Cache> {
  if (opts.redisUrl) return createRedisCache({ url: opts.redisUrl, keyPrefix: opts.keyPrefix, logger: opts.logger });
  return createMemoryCache({ maxEntries: opts.maxEntries, maxBytes: opts.maxBytes });
}
