// Micro-caching of public GET answers (as nginx's proxy_cache does it): clients asking for the same
// public page within a few hundred milliseconds share one upstream call, and under load that is most
// of them. Only ACCESS_PUBLIC routes of NO_SIDE_EFFECTS methods take part, so an answer never
// depends on who asks. A change shows after at most the TTL (default 500 ms), inside the one
// second the catalog promises; 0 turns it off. An entry keeps the body's ETag, so a hit (and a 304)
// costs no hashing.
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { options } from "@shop/contracts";
import type { Tagged } from "../http-cache.ts";
import type { Route } from "./table.ts";

const maxBodyBytes = 256 * 1024;

export const cacheable = (route: Route) =>
  route.verb === "GET" && route.access === options.Access.PUBLIC && route.method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS;

export class MicroCache {
  private readonly entries = new Map<string, { answer: Tagged; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<Tagged>>();

  constructor(
    private readonly ttlMs: () => number,
    private readonly maxEntries = 10_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs() > 0;
  }

  /** The cached answer for `key`, or the result of `load` (one load at a time per key). */
  async get(key: string, load: () => Promise<Tagged>): Promise<{ answer: Tagged; hit: boolean }> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return { answer: entry.answer, hit: true };
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load().finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
      const answer = await pending;
      this.store(key, answer);
      return { answer, hit: false };
    }
    return { answer: await pending, hit: true };
  }

  private store(key: string, answer: Tagged): void {
    if (answer.body.length > maxBodyBytes) return;
    this.entries.delete(key);
    this.entries.set(key, { answer, expiresAt: Date.now() + this.ttlMs() });
    // Insertion order is age order: drop the oldest (expired first in practice).
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
