// The order service's configuration: the platform keys plus checkout's money rules, the payment
// timeout and the background work. Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const orderSchema = platformSchema.extend({
  order: z
    .object({
      /** Seconds an order waits for its payment before it cancels itself and its stock goes back. */
      paymentTimeoutSeconds: int(1, 7 * 86_400).default(900),
      /** Flat shipping fee of an order, in minor units of its currency. */
      shippingFeeMinor: int(0, 1_000_000_000).default(1000),
      /** Subtotal (minor units) from which shipping is free; 0: never free. */
      freeShippingFromMinor: int(0, 1_000_000_000_000).default(9900),
      /** Seconds between two runs of the sweeper: overdue unpaid orders, checkouts stuck in PENDING. */
      sweepSeconds: int(1, 3600).default(60),
      /** Seconds a checkout may stay PENDING before the sweeper takes it over (resumes or compensates it). */
      sagaGraceSeconds: int(1, 3600).default(30),
      /** Days after the carrier reports an order delivered before its receipt is confirmed automatically (SHIPPED → COMPLETED) unless the shopper confirmed sooner; fractions allowed (0.5: twelve hours). */
      autoConfirmDays: z.coerce.number().min(0).max(365).default(7),
      /** Seconds between two counts of unpaid and overdue orders (the orders_awaiting_payment and orders_payment_overdue gauges). */
      metricsSeconds: int(1, 3600).default(15),
    })
    .prefault({}),
});

export type OrderConfig = z.output<typeof orderSchema>;

export const orderEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_ORDER_PAYMENT_TIMEOUT_SECONDS: "order.paymentTimeoutSeconds",
  SHOP_ORDER_SHIPPING_FEE_MINOR: "order.shippingFeeMinor",
  SHOP_ORDER_FREE_SHIPPING_FROM_MINOR: "order.freeShippingFromMinor",
  SHOP_ORDER_SWEEP_SECONDS: "order.sweepSeconds",
  SHOP_ORDER_SAGA_GRACE_SECONDS: "order.sagaGraceSeconds",
  SHOP_ORDER_METRICS_SECONDS: "order.metricsSeconds",
  SHOP_ORDER_AUTO_CONFIRM_DAYS: "order.autoConfirmDays",
};
