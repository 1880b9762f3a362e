// The inventory service's configuration: the platform keys plus its reservation sweeper. Each
// key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

export const inventorySchema = platformSchema.extend({
  inventory: z
    .object({
      /** Seconds between two looks for open reservations past their expiry (which are then released). */
      reservationSweepSeconds: z.coerce.number().int().min(1).max(3600).default(30),
    })
    .prefault({}),
});

export type InventoryConfig = z.output<typeof inventorySchema>;

export const inventoryEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_INVENTORY_RESERVATION_SWEEP_SECONDS: "inventory.reservationSweepSeconds",
};
