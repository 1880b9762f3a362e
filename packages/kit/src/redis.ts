// The one way a process connects to Redis: commands fail fast while Redis is away (no offline
// queue, a short command timeout), so a caller falls back (to its database, to counting in memory)
// instead of waiting; the client keeps reconnecting in the background. Connect with `connect()`.
import { Redis, type RedisOptions } from "ioredis";

export function failFastRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 250,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...options,
  });
}
