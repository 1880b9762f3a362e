// The cart store the configuration asks for: Redis when SHOP_REDIS_URL is set, else PostgreSQL.
import type { Db } from "@shop/kit/db";
import { failFastRedis } from "@shop/kit/redis";
import type { CartStore } from "./port.ts";
import { createPostgresCartStore } from "./postgres.ts";
import { createRedisCartStore } from "./redis.ts";

export async function createCartStore(o: { redisUrl: string; keyPrefix: string; db: Db; guestTtlMs: number }): Promise<CartStore> {
  if (!o.redisUrl) return createPostgresCartStore(o.db, o.guestTtlMs);
  const redis = failFastRedis(o.redisUrl, {}, { name: "carts" });
  await redis.connect();
  return createRedisCartStore(redis, o.keyPrefix, o.guestTtlMs);
}
