// The in-process cache adapter: an LRU bounded by entry count and by bytes, with a TTL per entry.
// A Map keeps insertion order, so re-inserting on every hit makes its first key the least recently used.
import type { Cache } from "./port.ts";

export interface MemoryCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

interface Entry {
  value: Uint8Array;
  expiresAt: number;
}

export function createMemoryCache(opts: MemoryCacheOptions): Cache {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return false;
    entries.delete(key);
    bytes -= entry.value.byteLength;
    return true;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return Promise.resolve(undefined);
      remove(key);
      if (entry.expiresAt <= Date.now()) return Promise.resolve(undefined);
      entries.set(key, entry);
      bytes += entry.value.byteLength;
      return Promise.resolve(entry.value);
    },
    set(key, value, ttlMs) {
      remove(key);
      if (value.byteLength > opts.maxBytes) return Promise.resolve(); // would evict everything else
      // A copy: the caller may reuse its buffer.
      entries.set(key, { value: Uint8Array.from(value), expiresAt: Date.now() + Math.max(1, ttlMs) });
      bytes += value.byteLength;
      while (entries.size > opts.maxEntries || bytes > opts.maxBytes) remove(entries.keys().next().value!);
      return Promise.resolve();
    },
    delete(keys) {
      for (const key of keys) remove(key);
      return Promise.resolve();
    },
    deleteByPrefix(prefix) {
      let n = 0;
      for (const key of [...entries.keys()]) if (key.startsWith(prefix) && remove(key)) n++;
      return Promise.resolve(n);
    },
    close() {
      entries.clear();
      bytes = 0;
      return Promise.resolve();
    },
  };
}
