// Builds the coupon service from its context: the token verifier (keys from the user service), the
// product service's client, the consumer of the orders' status changes, the expiring-coupon notices and the three RPC
// services. Listening is the kit's job.
import type { ConnectRouter } from "@connectrpc/connect";
import { couponv1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import { createCatalog } from "./clients/catalog.ts";
import type { CouponConfig } from "./config.ts";
import { subscribeToEvents } from "./events/consumers.ts";
import { adminCouponService, couponService } from "./rpc/coupon.ts";
import { couponInternalService } from "./rpc/internal.ts";
import type { Deps } from "./usecases/deps.ts";
import { startExpiringNotices } from "./usecases/expiring.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(couponv1.CouponService, couponService(deps));
  router.service(couponv1.AdminCouponService, adminCouponService(deps));
  router.service(couponv1.CouponInternalService, couponInternalService(deps));
};

export async function build(ctx: ServiceContext<CouponConfig>): Promise<ServiceParts> {
  const c = ctx.config.value;
  const userAuth = createUserAuth(ctx);
  const catalog = createCatalog({
    registry: ctx.registry,
    logger: ctx.logger,
    timeoutMs: c.coupon.productTimeoutMs,
    cacheMs: c.coupon.categoryCacheSeconds * 1000,
    internalToken: c.internalToken,
    tls: ctx.tls,
  });
  const deps: Deps = { db: ctx.db, catalog, logger: ctx.logger };
  await subscribeToEvents(ctx.bus, deps);
  const notices = startExpiringNotices(
    deps,
    () => ctx.config.value.coupon.expiringScanSeconds,
    () => ctx.config.value.coupon.expiringWindowHours * 3600,
  );
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    async stop() {
      await notices.stop();
      userAuth.close();
      catalog.close();
    },
  };
}
