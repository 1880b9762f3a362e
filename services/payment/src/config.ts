// The payment service's configuration: the platform keys plus where the sandbox provider's pages
// and webhooks are. Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

export const paymentSchema = platformSchema.extend({
  payment: z
    .object({
      /** The gateway's public address: hosted checkout pages are `<this>/sandbox/checkout/<payment id>`. Empty: the gateway of this configuration (`services.gateway`). */
      publicUrl: z.union([z.literal(""), z.url()]).default(""),
      /** HMAC key of the sandbox's webhook signatures. Empty: a random one kept in <dataDir>/keys. */
      sandboxWebhookSecret: z.union([z.literal(""), z.string().min(16)]).default(""),
      /** Where the sandbox provider POSTs its webhooks. Empty: the webhook route of the public address. */
      sandboxWebhookUrl: z.union([z.literal(""), z.url()]).default(""),
    })
    .prefault({}),
});

export type PaymentConfig = z.output<typeof paymentSchema>;

/** The sandbox's public page address and webhook URL, the empty ones derived from where the gateway listens. */
export function sandboxUrls(c: PaymentConfig): { publicUrl: string; webhookUrl: string } {
  const gateway = c.services.gateway;
  const publicUrl = (c.payment.publicUrl || `http://${gateway.host}:${gateway.httpPort}`).replace(/\/+$/, "");
  return { publicUrl, webhookUrl: c.payment.sandboxWebhookUrl || `${publicUrl}/api/v1/payments/webhooks/sandbox` };
}

export const paymentEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_PAYMENT_PUBLIC_URL: "payment.publicUrl",
  SHOP_PAYMENT_SANDBOX_WEBHOOK_SECRET: "payment.sandboxWebhookSecret",
  SHOP_PAYMENT_SANDBOX_WEBHOOK_URL: "payment.sandboxWebhookUrl",
};
