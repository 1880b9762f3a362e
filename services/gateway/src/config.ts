// The gateway's configuration: the platform's keys plus its own. Rate limits and the HTTP cache
// policy are read from the live config on every request, so an edit of the config file applies
// without a restart.
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
      bodyLimitBytes: z.coerce
        .number()
        .int()
        .min(1024)
        .max(16 * 1024 * 1024)
        .default(64 * 1024),
      rateLimit: z
        .object({
          /** Requests per client IP per minute (fixed one-minute windows), shared by the instances of one Redis. */
          perIpPerMinute: z.coerce.number().int().min(1).default(600),
          /** Requests per signed-in user per minute on USER and ADMIN routes, whatever the IP. */
          perUserPerMinute: z.coerce.number().int().min(1).default(300),
        })
        .prefault({}),
      /** Cache-Control of public reads (catalog, categories, search): browsers and CDNs keep them this long. */
      httpCache: z
        .object({
          maxAgeSeconds: z.coerce.number().int().min(0).max(86_400).default(5),
          /** A stale copy may be served this much longer while it is revalidated in the background. */
          staleWhileRevalidateSeconds: z.coerce.number().int().min(0).max(86_400).default(30),
        })
        .prefault({}),
      /** Honour X-Forwarded-For from these proxies; never from clients, or they pick their own IP. */
      trustProxy: trustProxy.default(false),
      /** How long /healthz waits for one instance's /readyz. */
      healthTimeoutMs: z.coerce.number().int().min(50).max(30_000).default(1000),
      /** How long a public GET answer is shared between callers (micro-cache); 0 is off. Reloads. */
      microcacheMs: z.coerce.number().int().min(0).max(10_000).default(500),
      /** The operations listener (metrics, traces, health details): never public; loopback unless an operator opens it. */
      ops: z
        .object({
          host: z.string().min(1).default("127.0.0.1"),
          port: z.coerce.number().int().min(0).max(65535).default(8081),
        })
        .prefault({}),
      /** The built web app (storefront and admin console); empty: apps/web/dist of this checkout. */
      webDir: z.string().default(""),
      /** The gray release rules (JSON or YAML), watched; empty: no rules, and the admin API cannot set any. */
      grayRulesFile: z.string().default(""),
      /** Bytes the micro-cache holds at most, whatever clients ask for; read at start. */
      microcacheMaxBytes: z.coerce
        .number()
        .int()
        .min(64 * 1024)
        .max(1024 * 1024 * 1024)
        .default(32 * 1024 * 1024),
      /** Uploads (POST /api/v1/files): the body is read up to maxBytes (413 past it, never buffered further), and the file service gets uploadTimeoutMs to decode it. */
      files: z
        .object({
          maxBytes: z.coerce
            .number()
            .int()
            .min(1024)
            .max(100 * 1024 * 1024)
            .default(10 * 1024 * 1024),
          uploadTimeoutMs: z.coerce.number().int().min(100).max(300_000).default(30_000),
        })
        .prefault({}),
    })
    .prefault({}),
});

export type GatewayConfig = z.output<typeof gatewaySchema>;

export const gatewayEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_GATEWAY_BODY_LIMIT_BYTES: "gateway.bodyLimitBytes",
  SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "gateway.rateLimit.perIpPerMinute",
  SHOP_GATEWAY_RATE_LIMIT_PER_USER_PER_MINUTE: "gateway.rateLimit.perUserPerMinute",
  SHOP_GATEWAY_CACHE_MAX_AGE_SECONDS: "gateway.httpCache.maxAgeSeconds",
  SHOP_GATEWAY_CACHE_SWR_SECONDS: "gateway.httpCache.staleWhileRevalidateSeconds",
  SHOP_GATEWAY_TRUST_PROXY: "gateway.trustProxy",
  SHOP_GATEWAY_HEALTH_TIMEOUT_MS: "gateway.healthTimeoutMs",
  SHOP_GATEWAY_MICROCACHE_MS: "gateway.microcacheMs",
  SHOP_GATEWAY_MICROCACHE_MAX_BYTES: "gateway.microcacheMaxBytes",
  SHOP_GATEWAY_OPS_HOST: "gateway.ops.host",
  SHOP_GATEWAY_OPS_PORT: "gateway.ops.port",
  SHOP_GATEWAY_GRAY_RULES_FILE: "gateway.grayRulesFile",
  SHOP_GATEWAY_WEB_DIR: "gateway.webDir",
  SHOP_FILE_MAX_BYTES: "gateway.files.maxBytes",
  SHOP_FILE_UPLOAD_TIMEOUT_MS: "gateway.files.uploadTimeoutMs",
};
