// Builds the inventory service from its context: the token verifier (keys from the user service)
// and the InventoryService handlers. Listening is the kit's job.
import type { ConnectRouter } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import type { PlatformConfig } from "@shop/kit/platform";
import { inventoryService } from "./rpc/inventory.ts";
import type { Deps } from "./usecases/deps.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(inventoryv1.InventoryService, inventoryService(deps));
};

export function build(ctx: ServiceContext<PlatformConfig>): ServiceParts {
  const userAuth = createUserAuth(ctx);
  return {
    routes: routes({ db: ctx.db }),
    verifyToken: userAuth.verifyToken,
    stop: () => Promise.resolve(userAuth.close()),
  };
}
