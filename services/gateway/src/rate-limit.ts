// Rate limits (rate-limiter-flexible, fixed one-minute windows): per client IP on every request but
// the probes, and per signed-in user on USER and ADMIN routes, whatever IPs the user comes from;
// an RPC declaring its own limit (the rate_limit proto option) also counts each user's calls of it
// apart (scope "route", keyed by user and RPC).
// Without SHOP_REDIS_URL the counts live in process; with it they live in Redis, shared by every
// gateway instance, so a cluster allows the limit once and not once per instance. While Redis is
// away or slow, each instance counts in its own memory instead (still limited, but per instance),
// warns once per outage and counts gateway_rate_limit_fallback_total: failing open would drop the
// protection exactly when a flood may be the cause. The limit is passed on every check (read from
// the live config), so a config edit applies at once. Memory stays bounded by the window: the memory
// limiter forgets a key when its minute is over.
import { Code } from "@connectrpc/connect";
import type { Logger } from "@shop/kit/log";
import { metricsRegistry } from "@shop/kit/metrics";
import { failFastRedis } from "@shop/kit/redis";
import type { FastifyInstance } from "fastify";
import { Counter } from "prom-client";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { HttpError } from "./errors.ts";

export type Scope = "ip" | "user" | "route";
const scopes: Scope[] = ["ip", "user", "route"];

const fallbacks = new Counter({
  name: "gateway_rate_limit_fallback_total",
  help: "rate-limit checks counted in process because Redis did not answer",
  registers: [metricsRegistry],
});

export interface RateLimits {
  /** Connects to Redis, if any; resolves (with a warning) when it is not reachable, since the memory fallback applies. */
  start(): Promise<void>;
  /** Counts one request of `key`; throws RATE_LIMITED (429, Retry-After) past `perMinute`. */
  take(scope: Scope, key: string, perMinute: number): Promise<void>;
  close(): Promise<void>;
}

export interface RateLimitOptions {
  /** Empty: counts in process. */
  redisUrl: string;
  /** Start of every key in Redis: instances sharing it share their counts. */
  keyPrefix: string;
  logger: Logger;
}

const window = { points: 1, duration: 60 }; // points are set per check, from the live config

export function createRateLimits(opts: RateLimitOptions): RateLimits {
  const memory = Object.fromEntries(scopes.map((s) => [s, new RateLimiterMemory({ ...window, keyPrefix: s })])) as Record<Scope, RateLimiterMemory>;
  const redis = opts.redisUrl ? failFastRedis(opts.redisUrl, { commandTimeout: 150 }, { name: "rate-limits" }) : undefined;
  redis?.on("error", () => undefined); // reported once per outage by the fallback below
  const shared =
    redis &&
    (Object.fromEntries(
      scopes.map((s) => [s, new RateLimiterRedis({ ...window, storeClient: redis, keyPrefix: `${opts.keyPrefix}${s}`, rejectIfRedisNotReady: true })]),
    ) as Record<Scope, RateLimiterRedis>);
  let down = false;

  /** Counts one request; the library's refusal when `key` is over the limit, else undefined. */
  const count = async (limiter: RateLimiterAbstract, key: string, perMinute: number): Promise<RateLimiterRes | undefined> => {
    limiter.points = perMinute;
    try {
      await limiter.consume(key);
      return undefined;
    } catch (err) {
      if (err instanceof RateLimiterRes) return err;
      throw err;
    }
  };

  async function refusal(scope: Scope, key: string, perMinute: number): Promise<RateLimiterRes | undefined> {
    if (!shared) return count(memory[scope], key, perMinute);
    try {
      const refused = await count(shared[scope], key, perMinute);
      if (down) opts.logger.info("redis rate limits available again");
      down = false;
      return refused;
    } catch (err) {
      fallbacks.inc();
      if (!down) opts.logger.warn({ err: (err as Error).message }, "redis unavailable; rate limits counted per instance until it is back");
      down = true;
      return count(memory[scope], key, perMinute);
    }
  }

  return {
    async start() {
      await redis?.connect().catch((err: Error) => {
        opts.logger.warn({ err: err.message }, "redis not reachable at startup; rate limits counted per instance until it is");
        down = true;
      });
    },
    async take(scope, key, perMinute) {
      const refused = await refusal(scope, key, perMinute);
      if (!refused) return;
      throw new HttpError(Code.ResourceExhausted, "RATE_LIMITED", "too many requests; slow down", {
        metadata: { limit_per_minute: String(perMinute), scope },
        headers: { "retry-after": String(Math.max(1, Math.ceil(refused.msBeforeNext / 1000))) },
      });
    },
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

/** Limits every request by client IP except the probes of orchestrators (cheap, and with nothing to find). */
export function installIpRateLimit(app: FastifyInstance, limits: RateLimits, perMinute: () => number): void {
  app.addHook("onRequest", async (req) => {
    const path = req.url.split("?")[0];
    if (path === "/readyz" || path === "/healthz") return;
    await limits.take("ip", req.ip, perMinute());
  });
}
