// The Redis cache adapter: one Redis shared by every instance (and by every service, each under
// its own key prefix), on the kit's fail-fast client, so callers fall back to their database
// instead of waiting while Redis is away.
import { failFastRedis } from "../redis.ts";
import type { Logger } from "../log.ts";
import type { Cache } from "./port.ts";

export interface RedisCacheOptions {
  url: string;
  /** Prepended to every key, e.g. `shop_product:`. */
  keyPrefix: string;
  /** A command not answered within this time fails (a miss for the caller). Default 150. */
  commandTimeoutMs?: number;
  logger?: Logger;
}

/** SCAN's MATCH is a glob: the prefix is taken literally. */
const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

export async function createRedisCache(opts: RedisCacheOptions): Promise<Cache> {
  const client = failFastRedis(
    opts.url,
    {
      // Commands issued in the same tick go out as one pipeline: a page reading several keys pays one round trip.
      enableAutoPipelining: true,
      commandTimeout: opts.commandTimeoutMs ?? 150,
    },
    { name: `cache ${opts.keyPrefix}` },
  );
  // One warning per outage, not one per reconnect attempt.
  let down = false;
  client.on("error", (err: Error) => {
    if (!down) opts.logger?.warn({ err: err.message }, "redis cache unavailable; reading through to the database");
    down = true;
  });
  client.on("ready", () => {
    if (down) opts.logger?.info("redis cache available again");
    down = false;
  });
  // Starting without Redis is allowed: the cache misses until it is back.
  await client.connect().catch((err: Error) => opts.logger?.warn({ err: err.message }, "redis cache not reachable at startup"));
  const k = (key: string) => opts.keyPrefix + key;
  const deleteByPrefix = async (prefix: string) => {
    const match = `${globEscape(k(prefix))}*`;
    let cursor = "0";
    let n = 0;
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", match, "COUNT", 500);
      cursor = next;
      if (keys.length) n += await client.unlink(...keys);
    } while (cursor !== "0");
    return n;
  };
  // An invalidation that did not reach Redis (it hung, or was away) leaves entries that may be
  // stale: until every key of this cache is dropped, reads miss (the database answers) and values
  // are not stored. `missed` counts the failures, so one during a flush keeps the cache stale.
  let missed = 0;
  let flushed = 0;
  let flushing: Promise<void> | undefined;
  const stale = () => missed !== flushed;
  const flush = () => {
    const upTo = missed;
    flushing ??= deleteByPrefix("")
      .then(
        () => void (flushed = upTo),
        () => undefined,
      )
      .finally(() => (flushing = undefined));
  };
  const noting = async <T>(invalidation: Promise<T>): Promise<T> =>
    invalidation.catch((err: unknown) => {
      missed++;
      throw err;
    });
  return {
    async get(key) {
      if (stale()) return void flush();
      return (await client.getBuffer(k(key))) ?? undefined;
    },
    async set(key, value, ttlMs) {
      if (stale()) return;
      await client.set(k(key), Buffer.from(value.buffer, value.byteOffset, value.byteLength), "PX", Math.max(1, Math.ceil(ttlMs)));
    },
    async delete(keys) {
      if (keys.length) await noting(client.unlink(...keys.map(k)));
    },
    deleteByPrefix: (prefix) => noting(deleteByPrefix(prefix)),
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
