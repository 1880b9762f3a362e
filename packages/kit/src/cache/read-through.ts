// Cache-aside reads with the two guards a hot key needs:
// - one load per key at a time in this process (concurrent misses of `get` share one load), and
// - no stale write-back: a load that an invalidation overtook does not put its (older) value into
//   the cache. Without this, a read that began before a write and ends after its invalidation
//   would cache the old value until the TTL runs out.
// A failing cache is a miss, never an error: the cache only makes reads cheaper.
import type { Cache, Codec } from "./port.ts";

export interface ReadThroughOptions<T> {
  ttlMs: number;
  codec: Codec<T>;
  /** Told about cache failures (the read itself goes on from the source). */
  onError?: (err: unknown, op: "get" | "set" | "delete") => void;
}

export interface ReadThrough<T> {
  /** The cached value of `key`, else `load()`'s, which is then cached. Errors of `load` pass through uncached. */
  get(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * The cached values of `keys`; the missing ones from one `load(missing)`, which are then cached.
   * Keys that `load` leaves out are left out of the result (and not cached).
   */
  getMany(keys: string[], load: (missing: string[]) => Promise<Map<string, T>>): Promise<Map<string, T>>;
  /** Deletes the keys, and keeps loads already running for them from caching what they read. */
  invalidate(keys: string[]): Promise<void>;
}

/** One load of one key; `overtaken` is set when an invalidation of the key comes during it. */
interface Watch {
  overtaken: boolean;
}

export function readThrough<T>(cache: Cache, opts: ReadThroughOptions<T>): ReadThrough<T> {
  const flights = new Map<string, Promise<T>>();
  const watching = new Map<string, Set<Watch>>();
  const report = (op: "get" | "set" | "delete") => (err: unknown) => {
    opts.onError?.(err, op);
    return undefined;
  };
  const watch = (key: string): Watch => {
    const w = { overtaken: false };
    watching.set(key, (watching.get(key) ?? new Set()).add(w));
    return w;
  };
  const unwatch = (key: string, w: Watch) => {
    const set = watching.get(key);
    set?.delete(w);
    if (set?.size === 0) watching.delete(key);
  };
  // After a failed get, the set is skipped: a Redis that did not answer would cost the read its timeout twice.
  const store = async (key: string, w: Watch, value: T, cacheAnswered = true) => {
    if (!w.overtaken && cacheAnswered) await cache.set(key, opts.codec.encode(value), opts.ttlMs).catch(report("set"));
  };

  async function loadOne(key: string, w: Watch, load: () => Promise<T>, cacheAnswered: boolean): Promise<T> {
    try {
      const value = await load();
      await store(key, w, value, cacheAnswered);
      return value;
    } finally {
      unwatch(key, w);
      if (!w.overtaken) flights.delete(key);
    }
  }

  return {
    async get(key, load) {
      let answered = true;
      const cached = await cache.get(key).catch((err: unknown) => ((answered = false), report("get")(err)));
      if (cached) return opts.codec.decode(cached);
      const running = flights.get(key);
      if (running) return running;
      const w = watch(key);
      // Started on the next microtask, so the flight is registered before the load can settle.
      const promise = Promise.resolve().then(() => loadOne(key, w, load, answered));
      flights.set(key, promise);
      return promise;
    },

    async getMany(keys, load) {
      const found = new Map<string, T>();
      let answered = true;
      const cached = await Promise.all(keys.map((key) => cache.get(key).catch((err: unknown) => ((answered = false), report("get")(err)))));
      const missing = keys.filter((key, i) => {
        const bytes = cached[i];
        if (bytes) found.set(key, opts.codec.decode(bytes));
        return !bytes;
      });
      if (!missing.length) return found;
      const watches = missing.map((key) => [key, watch(key)] as const);
      try {
        const loaded = await load(missing);
        await Promise.all(
          watches.map(async ([key, w]) => {
            if (!loaded.has(key)) return;
            const value = loaded.get(key)!;
            found.set(key, value);
            await store(key, w, value, answered);
          }),
        );
        return found;
      } finally {
        for (const [key, w] of watches) unwatch(key, w);
      }
    },

    async invalidate(keys) {
      for (const key of keys) {
        for (const w of watching.get(key) ?? []) w.overtaken = true;
        flights.delete(key); // later readers start a fresh load
      }
      await cache.delete(keys).catch(report("delete"));
    },
  };
}
