// Builds the review service from its context: the token verifier (keys from the user service), the
// file service's client (a review's photos), the consumer of the orders' status changes and the
// three RPC services. Listening is the kit's job.
import type { ConnectRouter } from "@connectrpc/connect";
import { reviewv1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import { createFiles } from "./clients/files.ts";
import type { ReviewConfig } from "./config.ts";
import { subscribeToEvents } from "./events/consumers.ts";
import { adminReviewService } from "./rpc/admin.ts";
import { productReviewService, reviewService } from "./rpc/review.ts";
import type { Deps } from "./usecases/deps.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(reviewv1.ReviewService, reviewService(deps));
  router.service(reviewv1.ProductReviewService, productReviewService(deps));
  router.service(reviewv1.AdminReviewService, adminReviewService(deps));
};

export async function build(ctx: ServiceContext<ReviewConfig>): Promise<ServiceParts> {
  const c = ctx.config.value;
  const userAuth = createUserAuth(ctx);
  const files = createFiles({ registry: ctx.registry, logger: ctx.logger, timeoutMs: c.review.fileTimeoutMs, internalToken: c.internalToken, tls: ctx.tls });
  const deps: Deps = { db: ctx.db, files };
  await subscribeToEvents(ctx.bus, deps);
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    stop() {
      userAuth.close();
      files.close();
      return Promise.resolve();
    },
  };
}
