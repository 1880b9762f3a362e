// Builds the order service from its context: the token verifier (keys from the user service), the
// clients of cart, product, user and inventory, the event consumers, the sweeper and the three RPC
// services. Listening is the kit's job.
import type { ConnectRouter } from "@connectrpc/connect";
import { orderv1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import { createUpstreams } from "./clients/create.ts";
import type { OrderConfig } from "./config.ts";
import { subscribeToEvents } from "./events/consumers.ts";
import { startOrderGauges } from "./metrics.ts";
import { adminOrderService } from "./rpc/admin.ts";
import { orderInternalService } from "./rpc/internal.ts";
import { orderService } from "./rpc/shopper.ts";
import type { Deps } from "./usecases/deps.ts";
import { startSweeper } from "./usecases/sweep.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(orderv1.OrderService, orderService(deps));
  router.service(orderv1.AdminOrderService, adminOrderService(deps));
  router.service(orderv1.OrderInternalService, orderInternalService(deps));
};

export async function build(ctx: ServiceContext<OrderConfig>): Promise<ServiceParts> {
  const c = ctx.config.value;
  const o = c.order;
  const userAuth = createUserAuth(ctx);
  const upstreams = createUpstreams(ctx.registry, { timeoutMs: c.rpcTimeoutMs, logger: ctx.logger, internalToken: c.internalToken, tls: ctx.tls });
  const deps: Deps = {
    ...upstreams,
    db: ctx.db,
    logger: ctx.logger,
    shipping: { feeMinor: o.shippingFeeMinor, freeFromMinor: o.freeShippingFromMinor },
    paymentTimeoutSeconds: o.paymentTimeoutSeconds,
    sagaGraceSeconds: o.sagaGraceSeconds,
    autoConfirmSeconds: Math.round(o.autoConfirmDays * 86_400),
  };
  await subscribeToEvents(ctx.bus, deps);
  const sweeper = startSweeper(deps, o.sweepSeconds);
  const gauges = startOrderGauges(deps, () => ctx.config.value.order.metricsSeconds);
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    async stop() {
      await sweeper.stop();
      await gauges.stop();
      userAuth.close();
      upstreams.close();
    },
  };
}
