// The gateway's configuration: the platform's keys plus its own. Rate limits are read from the live
// config on every request, so an edit of the config file applies without a restart.
import { platformEnv, platformSchema } from "@shop/kit/platform";
import { z } from "zod";

// Whose X-Forwarded-For to believe: false (nobody), true (every hop: only behind a proxy that
// overwrites the header), or the proxies' addresses/CIDRs ("10.0.0.0/8,127.0.0.1"). From the
// environment everything is a string, and "false" must mean false.
const trustProxy = z.union([z.boolean(), z.string()]).transform((v) => (v === "true" ? true : v === "false" || v === "" ? false : v));

export const gatewaySchema = platformSchema.extend({
  gateway: z
    .object({
      /** Largest request body accepted; larger ones get 413. */
      bodyLimitBytes: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
      rateLimit: z
        .object({
          /** Requests per client IP per minute (a token bucket: this is also the burst). */
          perIpPerMinute: z.coerce.number().int().min(1).default(600),
          /** Client IPs tracked at once; the least recently seen are forgotten first. */
          maxClients: z.coerce.number().int().min(100).default(100_000),
        })
        .prefault({}),
      /** Honour X-Forwarded-For from these proxies; never from clients, or they pick their own IP. */
      trustProxy: trustProxy.default(false),
      /** How long /healthz waits for one instance's /readyz. */
      healthTimeoutMs: z.coerce.number().int().min(50).max(30_000).default(1000),
      /** How long a public GET answer is shared between callers (micro-cache); 0 is off. Reloads. */
      microcacheMs: z.coerce.number().int().min(0).max(10_000).default(500),
    })
    .prefault({}),
});

export type GatewayConfig = z.output<typeof gatewaySchema>;

export const gatewayEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_GATEWAY_BODY_LIMIT_BYTES: "gateway.bodyLimitBytes",
  SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "gateway.rateLimit.perIpPerMinute",
  SHOP_GATEWAY_RATE_LIMIT_MAX_CLIENTS: "gateway.rateLimit.maxClients",
  SHOP_GATEWAY_TRUST_PROXY: "gateway.trustProxy",
  SHOP_GATEWAY_HEALTH_TIMEOUT_MS: "gateway.healthTimeoutMs",
  SHOP_GATEWAY_MICROCACHE_MS: "gateway.microcacheMs",
};
