// Micro-caching of public GET answers (as nginx's proxy_cache does it): clients asking for the same
// public page within a few hundred milliseconds share one upstream call, and under load that is most
// of them. Only ACCESS_PUBLIC routes of NO_SIDE_EFFECTS methods take part, so an answer never
// depends on who asks. A change shows after at most the TTL (default 500 ms), inside the one
// second the catalog promises; 0 turns it off. An entry keeps the body's ETag, so a hit (and a 304)
// costs no hashing. Any client can mint new keys (a query parameter varied), so the entries are
// bounded by bytes (least recently used go first) and expired ones are swept, not just skipped.
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { options } from "@shop/contracts";
import { LRUCache } from "lru-cache";
import type { Tagged } from "../http-cache.ts";
import type { Route } from "./table.ts";

/** A larger answer is not kept: it would push out many small ones. */
const maxBodyBytes = 256 * 1024;
/** Bookkeeping per entry beyond its key, body and tag (rough, so that tiny answers count too). */
const entryOverheadBytes = 64;

export const cacheable = (route: Route) =>
  route.verb === "GET" && route.access === options.Access.PUBLIC && route.method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS;

export interface MicroCacheOptions {
  /** Read per call: the TTL follows config edits. */
  ttlMs: () => number;
  /** Bytes held at most (keys, bodies and tags). */
  maxBytes: number;
  /** How often expired entries are dropped. */
  sweepEveryMs?: number;
}

export class MicroCache {
  private readonly entries: LRUCache<string, Tagged>;
  private readonly loading = new Map<string, Promise<Tagged>>();
  private readonly ttlMs: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(opts: MicroCacheOptions) {
    this.ttlMs = opts.ttlMs;
    this.entries = new LRUCache<string, Tagged>({
      maxSize: opts.maxBytes,
      maxEntrySize: Math.min(maxBodyBytes, opts.maxBytes),
      sizeCalculation: (answer, key) => Buffer.byteLength(key) + Buffer.byteLength(answer.body) + answer.etag.length + entryOverheadBytes,
    });
    this.sweeper = setInterval(() => this.sweep(), opts.sweepEveryMs ?? 5000).unref();
  }

  get enabled(): boolean {
    return this.ttlMs() > 0;
  }

  /** Bytes held now, expired entries not yet swept included. */
  get heldBytes(): number {
    return this.entries.calculatedSize;
  }

  /** Entries held now, expired ones not yet swept included. */
  get size(): number {
    return this.entries.size;
  }

  /** The cached answer for `key`, or the result of `load` (one load at a time per key). */
  async get(key: string, load: () => Promise<Tagged>): Promise<{ answer: Tagged; hit: boolean }> {
    const cached = this.entries.get(key); // an expired entry is dropped here and not returned
    if (cached) return { answer: cached, hit: true };
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load().finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
      const answer = await pending;
      const ttl = this.ttlMs();
      if (ttl > 0) this.entries.set(key, answer, { ttl }); // (a TTL of 0 would mean "forever" to lru-cache)
      return { answer, hit: false };
    }
    return { answer: await pending, hit: true };
  }

  /** Drops every expired entry (also done every `sweepEveryMs`). */
  sweep(): void {
    this.entries.purgeStale();
  }

  /** Stops the sweeper and forgets everything. */
  close(): void {
    clearInterval(this.sweeper);
    this.entries.clear();
  }
}
