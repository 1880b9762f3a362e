// The logistics service's configuration: the platform keys plus the sandbox carrier's pace, secret
// and webhook address. Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

export const logisticsSchema = platformSchema.extend({
  logistics: z
    .object({
      /** Seconds between the sandbox carrier's tracking steps (picked up, in transit, out for delivery, delivered). */
      sandboxStepSeconds: z.coerce
        .number()
        .min(0.1)
        .max(7 * 86_400)
        .default(60),
      /** HMAC key of the sandbox carrier's webhook signatures. Empty: a random one kept in <dataDir>/keys. */
      sandboxWebhookSecret: z.union([z.literal(""), z.string().min(16)]).default(""),
      /** Where the sandbox carrier POSTs its tracking webhooks. Empty: the gateway of this configuration's /api/v1/logistics/webhooks/sandbox. */
      sandboxWebhookUrl: z.union([z.literal(""), z.url()]).default(""),
    })
    .prefault({}),
});

export type LogisticsConfig = z.output<typeof logisticsSchema>;

/** The sandbox carrier's webhook URL, derived from where the gateway listens when not set. */
export function sandboxWebhookUrl(c: LogisticsConfig): string {
  const gateway = c.services.gateway;
  return c.logistics.sandboxWebhookUrl || `http://${gateway.host}:${gateway.httpPort}/api/v1/logistics/webhooks/sandbox`;
}

export const logisticsEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_LOGISTICS_SANDBOX_STEP_SECONDS: "logistics.sandboxStepSeconds",
  SHOP_LOGISTICS_SANDBOX_WEBHOOK_SECRET: "logistics.sandboxWebhookSecret",
  SHOP_LOGISTICS_SANDBOX_WEBHOOK_URL: "logistics.sandboxWebhookUrl",
};
