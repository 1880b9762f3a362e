// The cache port (docs/architecture.md#profiles-and-adapters): bytes under string keys with a time
// to live. Adapters: a bounded in-process LRU (embedded profile) and Redis (SHOP_REDIS_URL), shared
// by every instance. A cache is only ever an optimization: callers treat a failing cache as a miss
// (see read-through.ts).

export interface Cache {
  /** The value, or undefined when absent or expired. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores `value` for `ttlMs` milliseconds (at least 1). */
  set(key: string, value: Uint8Array, ttlMs: number): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Deletes every key starting with `prefix`; returns how many. Walks the keyspace: not for hot paths. */
  deleteByPrefix(prefix: string): Promise<number>;
  close(): Promise<void>;
}

/** How a cached value of type T becomes bytes and back. */
export interface Codec<T> {
  encode: (value: T) => Uint8Array;
  decode: (bytes: Uint8Array) => T;
}

/** JSON; `reviver` restores what JSON flattens (dates, say). */
export function jsonCodec<T>(reviver?: (key: string, value: unknown) => unknown): Codec<T> {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    encode: (value) => encoder.encode(JSON.stringify(value)),
    decode: (bytes) => JSON.parse(decoder.decode(bytes), reviver) as T,
  };
}
