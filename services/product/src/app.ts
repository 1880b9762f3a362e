// Builds the product service from its context: the token verifier (keys from the user service),
// the cache, the search index, the inventory client, the event consumers and the three RPC
// services. Listening is the kit's job.
import type { ConnectRouter } from "@connectrpc/connect";
import { productv1 } from "@shop/contracts";
import { createCache } from "@shop/kit/cache/create";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createCatalogCache } from "./cache.ts";
import { createInventory } from "./clients/inventory.ts";
import { createUserAuth } from "@shop/kit/user-jwks";
import type { ProductConfig } from "./config.ts";
import { subscribeToEvents } from "./events/consumers.ts";
import { adminCatalogService } from "./rpc/admin.ts";
import { catalogService } from "./rpc/catalog.ts";
import { searchService } from "./rpc/search.ts";
import { createPgSearchIndex } from "./search/pg/index.ts";
import type { Deps } from "./usecases/deps.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(productv1.CatalogService, catalogService(deps));
  router.service(productv1.SearchService, searchService(deps));
  router.service(productv1.AdminCatalogService, adminCatalogService(deps));
};

export async function build(ctx: ServiceContext<ProductConfig>): Promise<ServiceParts> {
  const c = ctx.config.value;
  const p = c.product;
  const userAuth = createUserAuth(ctx);
  const inventory = createInventory(ctx.registry, p.inventoryTimeoutMs, ctx.logger, ctx.tls);
  // The database prefix keeps test runs (and several shops on one Redis) apart.
  const store = await createCache({
    redisUrl: c.redisUrl,
    keyPrefix: `${c.dbPrefix}product:`,
    maxEntries: p.cacheMaxEntries,
    maxBytes: p.cacheMaxBytes,
    logger: ctx.logger,
  });
  const cache = createCatalogCache(
    store,
    { catalogMs: p.cacheTtlSeconds * 1000, availabilityMs: p.availabilityTtlSeconds * 1000, listMs: p.listCacheMs },
    ctx.logger,
  );
  const search = createPgSearchIndex(ctx.db);
  const deps: Deps = { db: ctx.db, cache, inventory, search, logger: ctx.logger };
  await subscribeToEvents(ctx.bus, ctx.db, search, cache);
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    async stop() {
      userAuth.close();
      inventory.close();
      await store.close();
    },
  };
}
