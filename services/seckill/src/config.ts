// The seckill service's configuration: the platform keys plus the attempt tokens, the sweeper, the
// drainer and the public answers' cache. Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const seckillSchema = platformSchema.extend({
  seckill: z
    .object({
      /** HMAC key of attempt tokens; empty: one is generated at first start and kept in the service's database, shared by every instance. */
      tokenSecret: z.string().default(""),
      /** Seconds an attempt token stays valid after it is issued. */
      tokenTtlSeconds: int(5, 3600).default(60),
      /** Seconds between two looks for sales past their end (which are then ended and their unsold units given back). */
      sweepSeconds: int(1, 3600).default(5),
      /** Seconds after a sale's end by which its unsold units go back to stock even if some won tickets have not become orders yet. */
      releaseGraceSeconds: int(0, 86_400).default(300),
      /** Milliseconds the drainer waits when the Redis list of won attempts is empty (Redis profile). */
      drainIdleMs: int(10, 10_000).default(100),
      /** Milliseconds a public sale answer (and "sold out") is kept in the process before it is read again. */
      publicCacheMs: int(0, 60_000).default(2000),
      /** Minutes before a sale's start its followers are told (seckill.sale_starting, once each). */
      startingNoticeMinutes: int(1, 10_080).default(10),
      /** Seconds between two looks for followers to tell. */
      startingScanSeconds: int(1, 3600).default(30),
    })
    .prefault({}),
});

export type SeckillConfig = z.output<typeof seckillSchema>;

export const seckillEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_SECKILL_TOKEN_SECRET: "seckill.tokenSecret",
  SHOP_SECKILL_TOKEN_TTL_SECONDS: "seckill.tokenTtlSeconds",
  SHOP_SECKILL_SWEEP_SECONDS: "seckill.sweepSeconds",
  SHOP_SECKILL_RELEASE_GRACE_SECONDS: "seckill.releaseGraceSeconds",
  SHOP_SECKILL_DRAIN_IDLE_MS: "seckill.drainIdleMs",
  SHOP_SECKILL_PUBLIC_CACHE_MS: "seckill.publicCacheMs",
  SHOP_SECKILL_STARTING_NOTICE_MINUTES: "seckill.startingNoticeMinutes",
  SHOP_SECKILL_STARTING_SCAN_SECONDS: "seckill.startingScanSeconds",
};
