// The coupon service's configuration: the platform keys plus its calls to the product service.
// Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const couponSchema = platformSchema.extend({
  coupon: z
    .object({
      /** Deadline of the calls to the product service (category tree, products), in ms; past it the call answers UNAVAILABLE. */
      productTimeoutMs: int(50, 60_000).default(2000),
      /** Seconds the product service's category tree is kept (a category scope covers the categories below); 0: asked every time. */
      categoryCacheSeconds: int(0, 3600).default(30),
      /** Hours before a claimed, unused coupon ends that its holder is told (coupon.expiring, once per coupon). */
      expiringWindowHours: int(1, 720).default(24),
      /** Seconds between two looks for coupons ending soon. */
      expiringScanSeconds: int(1, 86_400).default(60),
    })
    .prefault({}),
});

export type CouponConfig = z.output<typeof couponSchema>;

export const couponEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_COUPON_PRODUCT_TIMEOUT_MS: "coupon.productTimeoutMs",
  SHOP_COUPON_CATEGORY_CACHE_SECONDS: "coupon.categoryCacheSeconds",
  SHOP_COUPON_EXPIRING_WINDOW_HOURS: "coupon.expiringWindowHours",
  SHOP_COUPON_EXPIRING_SCAN_SECONDS: "coupon.expiringScanSeconds",
};
