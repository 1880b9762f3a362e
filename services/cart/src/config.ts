// The cart service's configuration: the platform keys plus guest carts' lifetime and its calls to
// the product and inventory services. Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const cartSchema = platformSchema.extend({
  cart: z
    .object({
      /** Days a guest cart lives unused (each change starts the count again); then it is gone. */
      guestTtlDays: int(1, 365).default(30),
      /** Deadline of the SKU lookup (BatchGetSkus) to the product service, in ms; past it the cart answers UNAVAILABLE. */
      productTimeoutMs: int(50, 60_000).default(2000),
      /** Deadline of the availability call to the inventory service, in ms; past it the cart shows no stock figures. */
      inventoryTimeoutMs: int(20, 60_000).default(300),
    })
    .prefault({}),
});

export type CartConfig = z.output<typeof cartSchema>;

export const cartEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_CART_GUEST_TTL_DAYS: "cart.guestTtlDays",
  SHOP_CART_PRODUCT_TIMEOUT_MS: "cart.productTimeoutMs",
  SHOP_CART_INVENTORY_TIMEOUT_MS: "cart.inventoryTimeoutMs",
};
