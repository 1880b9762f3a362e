// Builds the cart service from its context: the token verifier (keys from the user service), the
// cart store (Redis or PostgreSQL), the product and inventory clients, the event consumer and the
// three RPC services. Listening is the kit's job.
import type { ConnectRouter } from "@connectrpc/connect";
import { cartv1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import { createCatalog } from "./clients/catalog.ts";
import type { CartConfig } from "./config.ts";
import { subscribeToEvents } from "./events/consumers.ts";
import { cartInternalService, cartService } from "./rpc/cart.ts";
import { guestCartService } from "./rpc/guest.ts";
import { createCartStore } from "./store/create.ts";
import type { Deps } from "./usecases/deps.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(cartv1.CartService, cartService(deps));
  router.service(cartv1.GuestCartService, guestCartService(deps));
  router.service(cartv1.CartInternalService, cartInternalService(deps));
};

export async function build(ctx: ServiceContext<CartConfig>): Promise<ServiceParts> {
  const c = ctx.config.value;
  const userAuth = createUserAuth(ctx);
  const catalog = createCatalog({
    registry: ctx.registry,
    logger: ctx.logger,
    productTimeoutMs: c.cart.productTimeoutMs,
    inventoryTimeoutMs: c.cart.inventoryTimeoutMs,
    internalToken: c.internalToken,
    tls: ctx.tls,
  });
  // The database prefix keeps test runs (and several shops on one Redis) apart.
  const store = await createCartStore({ redisUrl: c.redisUrl, keyPrefix: `${c.dbPrefix}cart:`, db: ctx.db, guestTtlMs: c.cart.guestTtlDays * 86_400_000 });
  await subscribeToEvents(ctx.bus, ctx.db, store);
  return {
    routes: routes({ store, catalog }),
    verifyToken: userAuth.verifyToken,
    async stop() {
      userAuth.close();
      catalog.close();
      await store.close();
    },
  };
}
