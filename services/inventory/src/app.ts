// Builds the inventory service from its context: the token verifier (keys from the user service),
// the InventoryService and ReservationService handlers and the reservation sweeper. Listening is
// the kit's job.
import type { ConnectRouter } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import type { InventoryConfig } from "./config.ts";
import { startReservationSweeper } from "./reservation-sweeper.ts";
import { inventoryService } from "./rpc/inventory.ts";
import { reservationService } from "./rpc/reservations.ts";
import type { Deps } from "./usecases/deps.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(inventoryv1.InventoryService, inventoryService(deps));
  router.service(inventoryv1.ReservationService, reservationService(deps));
};

export function build(ctx: ServiceContext<InventoryConfig>): ServiceParts {
  const userAuth = createUserAuth(ctx);
  const deps: Deps = { db: ctx.db };
  const sweeper = startReservationSweeper(deps, () => ctx.config.value.inventory.reservationSweepSeconds, ctx.logger);
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    async stop() {
      await sweeper.stop();
      userAuth.close();
    },
  };
}
