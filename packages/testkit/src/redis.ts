// The Redis of the tests (SHOP_TEST_REDIS_URL, default the local server) and the cleanup of a test's
// keys: every test names its keys under a prefix of its own and removes them when done.
import { failFastRedis } from "@shop/kit/redis";

export const testRedisUrl = process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Removes every key under `prefix`. */
export async function dropRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = failFastRedis(redisUrl);
  await redis.connect();
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
