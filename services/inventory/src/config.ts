// The inventory service's configuration: the platform keys plus the token issuer and audience it
// checks (the same values the user service signs with).
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

export const inventorySchema = platformSchema.extend({
  auth: z
    .object({
      /** `iss` of access tokens. */
      issuer: z.string().min(1).default("shop"),
      /** `aud` of access tokens. */
      audience: z.string().min(1).default("shop-api"),
    })
    .prefault({}),
});

export type InventoryConfig = z.output<typeof inventorySchema>;

export const inventoryEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_JWT_ISSUER: "auth.issuer",
  SHOP_JWT_AUDIENCE: "auth.audience",
};
