// Micro-caching of public GET answers (as nginx's proxy_cache does it): clients asking for the same
// public page within a few hundred milliseconds share one upstream call, and under load that is most
// of them. Only ACCESS_PUBLIC routes of NO_SIDE_EFFECTS methods take part, so an answer never
// depends on who asks. A change shows after at most the TTL (default 500 ms), inside the one
// second the catalog promises; 0 turns it off.
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { options } from "@shop/contracts";
import type { Route } from "./table.ts";

const maxBodyBytes = 256 * 1024;

export const cacheable = (route: Route) =>
  route.verb === "GET" && route.access === options.Access.PUBLIC && route.method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS;

export class MicroCache {
  private readonly entries = new Map<string, { body: string; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<string>>();

  constructor(
    private readonly ttlMs: () => number,
    private readonly maxEntries = 10_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs() > 0;
  }

  /** The cached body for `key`, or the result of `load` (one load at a time per key). */
  async get(key: string, load: () => Promise<string>): Promise<{ body: string; hit: boolean }> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return { body: entry.body, hit: true };
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load().finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
      const body = await pending;
      this.store(key, body);
      return { body, hit: false };
    }
    return { body: await pending, hit: true };
  }

  private store(key: string, body: string): void {
    if (body.length > maxBodyBytes) return;
    this.entries.delete(key);
    this.entries.set(key, { body, expiresAt: Date.now() + this.ttlMs() });
    // Insertion order is age order: drop the oldest (expired first in practice).
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
