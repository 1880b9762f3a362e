// The gate the configuration asks for: Redis (with its drainer) when SHOP_REDIS_URL is set, else
// PostgreSQL.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import { failFastRedis } from "@shop/kit/redis";
import { startDrainer, type Drainer } from "./drainer.ts";
import type { Gate } from "./port.ts";
import { createPostgresGate } from "./postgres.ts";
import { createRedisGate } from "./redis.ts";

export async function createGate(o: {
  redisUrl: string;
  keyPrefix: string;
  db: Db;
  drainIdleMs: () => number;
  logger: Logger;
}): Promise<{ gate: Gate; drainer?: Drainer }> {
  if (!o.redisUrl) return { gate: createPostgresGate(o.db) };
  // Redis decides here, with nothing to fall back to: a longer command timeout than a cache's, so a
  // busy moment is a slower answer rather than a refusal.
  const redis = failFastRedis(o.redisUrl, { commandTimeout: 2000 }, { name: "seckill gate" });
  await redis.connect();
  const gate = createRedisGate(redis, o.keyPrefix);
  return { gate, drainer: startDrainer(gate, o.db, o.drainIdleMs, o.logger) };
}
