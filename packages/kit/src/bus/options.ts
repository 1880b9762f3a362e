// Subscription defaults and the retry schedule, the same for every adapter.
import { randomBytes } from "node:crypto";
import type { SubscribeOptions } from "./port.ts";
import { assertGroup, assertPattern } from "./topics.ts";

export type ResolvedOptions = Required<SubscribeOptions>;

export function resolveOptions(o: SubscribeOptions = {}): ResolvedOptions {
  const r: ResolvedOptions = {
    // ~25 minutes of attempts (1 s doubling to a minute apart): a message must outlast an upstream's
    // outage or a restart; the dead letters are for messages that can never apply. The chaos run
    // found stock left reserved for paid orders when 5 attempts (15 s) ran out while a service was down.
    maxAttempts: o.maxAttempts ?? 30,
    retryDelayMs: o.retryDelayMs ?? 1000,
    maxRetryDelayMs: o.maxRetryDelayMs ?? 60_000,
    concurrency: o.concurrency ?? 8,
    timeoutMs: o.timeoutMs ?? 60_000,
    perInstance: o.perInstance ?? false,
  };
  const bad = (k: keyof ResolvedOptions, ok: boolean) => {
    if (!ok) throw new Error(`subscribe: bad ${k} ${String(r[k])}`);
  };
  bad("maxAttempts", Number.isInteger(r.maxAttempts) && r.maxAttempts >= 1 && r.maxAttempts <= 100);
  bad("retryDelayMs", Number.isInteger(r.retryDelayMs) && r.retryDelayMs >= 1);
  bad("maxRetryDelayMs", Number.isInteger(r.maxRetryDelayMs) && r.maxRetryDelayMs >= r.retryDelayMs && r.maxRetryDelayMs <= 86_400_000);
  bad("concurrency", Number.isInteger(r.concurrency) && r.concurrency >= 1 && r.concurrency <= 256);
  bad("timeoutMs", Number.isInteger(r.timeoutMs) && r.timeoutMs >= 1);
  return r;
}

/** Wait before attempt `failed + 1`: the first delay, doubled after each failure, capped. */
export function retryDelay(o: ResolvedOptions, failed: number): number {
  return Math.min(o.maxRetryDelayMs, o.retryDelayMs * 2 ** Math.min(failed - 1, 30));
}

/** Error text kept with a message: bounded, since it travels in headers and rows. */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

/**
 * Checks a subscription the same way for every adapter; returns its options, the queue/group name
 * it consumes (a group of its own for a per-instance subscription) and its distinct patterns.
 */
export function planSubscription(group: string, topics: string[], options?: SubscribeOptions): { o: ResolvedOptions; name: string; patterns: string[] } {
  assertGroup(group);
  if (!topics.length) throw new Error("subscribe: no topics");
  topics.forEach(assertPattern);
  const o = resolveOptions(options);
  const name = o.perInstance ? `${group}.i${randomBytes(6).toString("hex")}` : group;
  return { o, name, patterns: [...new Set(topics)] };
}
