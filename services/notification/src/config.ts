// The notification service's configuration: the platform keys plus its channels and their retries.
// Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const notificationSchema = platformSchema.extend({
  notification: z
    .object({
      /** SMTP server of the email channel (`smtp://user:pass@host:587`, `smtps://…`); empty: no email is sent. */
      smtpUrl: z.string().default(""),
      /** Sender of the emails. */
      mailFrom: z.string().min(3).default("Shop <no-reply@shop.local>"),
      /** Deadline of each phase of an SMTP conversation (connecting, the greeting, every reply), in ms. */
      smtpTimeoutMs: int(100, 120_000).default(10_000),
      /** SMS provider: `sandbox` records each message in the service's database instead of sending it. */
      smsProvider: z.enum(["sandbox"]).default("sandbox"),
      /** Seconds between two rounds of the delivery worker. */
      deliveryIntervalSeconds: z.coerce.number().min(0.05).max(3600).default(2),
      /** Deliveries tried per round. */
      deliveryBatch: int(1, 1000).default(50),
      /** Back-off after a failed send: this many seconds, doubled per attempt. */
      retryBaseSeconds: z.coerce.number().min(0.05).max(3600).default(5),
      /** Longest back-off between two attempts, in seconds. */
      retryMaxSeconds: z.coerce.number().min(0.05).max(86_400).default(600),
      /** Attempts before a delivery is given up as failed. */
      maxAttempts: int(1, 100).default(8),
      /** Deadline of the calls to the user service (a shopper's email), in ms. */
      userTimeoutMs: int(50, 60_000).default(2000),
    })
    .prefault({}),
});

export type NotificationConfig = z.output<typeof notificationSchema>;

export const notificationEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_NOTIFICATION_SMTP_URL: "notification.smtpUrl",
  SHOP_NOTIFICATION_MAIL_FROM: "notification.mailFrom",
  SHOP_NOTIFICATION_SMTP_TIMEOUT_MS: "notification.smtpTimeoutMs",
  SHOP_NOTIFICATION_SMS_PROVIDER: "notification.smsProvider",
  SHOP_NOTIFICATION_DELIVERY_INTERVAL_SECONDS: "notification.deliveryIntervalSeconds",
  SHOP_NOTIFICATION_DELIVERY_BATCH: "notification.deliveryBatch",
  SHOP_NOTIFICATION_RETRY_BASE_SECONDS: "notification.retryBaseSeconds",
  SHOP_NOTIFICATION_RETRY_MAX_SECONDS: "notification.retryMaxSeconds",
  SHOP_NOTIFICATION_MAX_ATTEMPTS: "notification.maxAttempts",
  SHOP_NOTIFICATION_USER_TIMEOUT_MS: "notification.userTimeoutMs",
};
