// The payment service's configuration: the platform keys plus where the sandbox provider's pages
// and webhooks are. Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

export const paymentSchema = platformSchema.extend({
  payment: z
    .object({
      /** The gateway's public address: hosted checkout pages are `<this>/sandbox/checkout/<payment id>`. */
      publicUrl: z.url().default("http://127.0.0.1:8080"),
      /** HMAC key of the sandbox's webhook signatures. Empty: a random one kept in <dataDir>/keys. */
      sandboxWebhookSecret: z.union([z.literal(""), z.string().min(16)]).default(""),
      /** Where the sandbox provider POSTs its webhooks: the gateway's webhook route. */
      sandboxWebhookUrl: z.url().default("http://127.0.0.1:8080/api/v1/payments/webhooks/sandbox"),
    })
    .prefault({}),
});

export type PaymentConfig = z.output<typeof paymentSchema>;

export const paymentEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_PAYMENT_PUBLIC_URL: "payment.publicUrl",
  SHOP_PAYMENT_SANDBOX_WEBHOOK_SECRET: "payment.sandboxWebhookSecret",
  SHOP_PAYMENT_SANDBOX_WEBHOOK_URL: "payment.sandboxWebhookUrl",
};
