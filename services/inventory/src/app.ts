// Builds the inventory service from its context: the token verifier (keys from the user service)
// and the InventoryService handlers. Listening is the kit's job.
import { inventoryv1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import type { PlatformConfig } from "@shop/kit/platform";
import { inventoryService } from "./rpc/inventory.ts";

export function build(ctx: ServiceContext<PlatformConfig>): ServiceParts {
  const c = ctx.config.value;
  const userAuth = createUserAuth(c.auth, ctx.registry, c.rpcTimeoutMs, ctx.logger);
  const deps = { db: ctx.db };
  return {
    routes(router) {
      router.service(inventoryv1.InventoryService, inventoryService(deps));
    },
    verifyToken: userAuth.verifyToken,
    stop: () => Promise.resolve(userAuth.close()),
  };
}
