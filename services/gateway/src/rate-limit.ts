// Per-client rate limiting with token buckets held in memory. The limit is passed on every call
// (read from the live config), so a config edit applies at once. Memory is bounded: the Map keeps
// insertion order, a touched bucket is moved to the end, and the oldest are dropped past maxClients.
// A dropped client simply starts again with a full bucket.
import { Code } from "@connectrpc/connect";
import type { FastifyInstance } from "fastify";
import { HttpError } from "./errors.ts";

export interface Verdict {
  allowed: boolean;
  /** Whole seconds until one more request is allowed; 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(client: string, perMinute: number, maxClients: number, now?: number): Verdict;
  readonly size: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    get size() {
      return buckets.size;
    },
    take(client, perMinute, maxClients, now = Date.now()) {
      const perMs = perMinute / 60_000;
      const bucket = buckets.get(client) ?? { tokens: perMinute, at: now };
      buckets.delete(client);
      bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      buckets.set(client, bucket);
      for (const oldest of buckets.keys()) {
        if (buckets.size <= maxClients) break;
        buckets.delete(oldest);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}

/** Limits every request by client IP except the probes of orchestrators and scrapers. */
export function installRateLimit(app: FastifyInstance, limits: () => { perIpPerMinute: number; maxClients: number }): void {
  const limiter = createRateLimiter();
  app.addHook("onRequest", (req, _reply, done) => {
    const path = req.url.split("?")[0];
    if (path === "/readyz" || path === "/metrics") return done();
    const { perIpPerMinute, maxClients } = limits();
    const verdict = limiter.take(req.ip, perIpPerMinute, maxClients);
    if (verdict.allowed) return done();
    done(
      new HttpError(Code.ResourceExhausted, "RATE_LIMITED", "too many requests; slow down", {
        metadata: { limit_per_minute: String(perIpPerMinute) },
        headers: { "retry-after": String(verdict.retryAfterSeconds) },
      }),
    );
  });
}
