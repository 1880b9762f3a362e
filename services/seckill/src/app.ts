// Builds the seckill service from its context: the token verifier (keys from the user service), the
// product and inventory clients, the gate (Redis with its drainer, or PostgreSQL), the attempt
// tokens' key, the order-event consumer, the end-of-sale sweeper, the followers' start notices and the two RPC services.
// Listening is the kit's job.
import type { ConnectRouter } from "@connectrpc/connect";
import { seckillv1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import { createUpstreams } from "./clients/create.ts";
import type { SeckillConfig } from "./config.ts";
import { subscribeToEvents } from "./events/consumers.ts";
import { createGate } from "./gate/create.ts";
import { measureQueueDepth } from "./metrics.ts";
import { sharedSecret } from "./repo/settings.ts";
import { adminFlashSaleService } from "./rpc/admin.ts";
import { flashSaleService } from "./rpc/shopper.ts";
import type { Deps } from "./usecases/deps.ts";
import { loadOpenSales } from "./usecases/load-gate.ts";
import { createSaleViews } from "./usecases/sale-views.ts";
import { startStartingNotices } from "./usecases/starting-notices.ts";
import { startSweeper } from "./usecases/sweeper.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(seckillv1.FlashSaleService, flashSaleService(deps));
  router.service(seckillv1.AdminFlashSaleService, adminFlashSaleService(deps));
};

export async function build(ctx: ServiceContext<SeckillConfig>): Promise<ServiceParts> {
  const c = ctx.config.value;
  const s = c.seckill;
  const userAuth = createUserAuth(ctx);
  const upstreams = createUpstreams(ctx.registry, { timeoutMs: c.rpcTimeoutMs, logger: ctx.logger, internalToken: c.internalToken, tls: ctx.tls });
  // The database prefix keeps test runs (and several shops on one Redis) apart.
  const { gate, drainer } = await createGate({
    redisUrl: c.redisUrl,
    keyPrefix: `${c.dbPrefix}seckill:`,
    db: ctx.db,
    drainIdleMs: () => ctx.config.value.seckill.drainIdleMs,
    logger: ctx.logger,
  });
  const queueDepth = () => gate.queueDepth();
  measureQueueDepth(queueDepth);
  const deps: Deps = {
    ...upstreams,
    db: ctx.db,
    gate,
    logger: ctx.logger,
    views: createSaleViews(ctx.db, gate, s.publicCacheMs),
    tokenSecret: s.tokenSecret ? Buffer.from(s.tokenSecret) : await sharedSecret(ctx.db, "attempt_token_secret"),
    tokenTtlSeconds: s.tokenTtlSeconds,
    releaseGraceSeconds: s.releaseGraceSeconds,
    queueDepth,
  };
  const loaded = await loadOpenSales(deps);
  if (loaded) ctx.logger.info({ sales: loaded, gate: gate.kind }, "open flash sales loaded into the gate");
  await subscribeToEvents(ctx.bus, deps);
  const sweeper = startSweeper(deps, () => ctx.config.value.seckill.sweepSeconds);
  const notices = startStartingNotices(
    deps,
    () => ctx.config.value.seckill.startingScanSeconds,
    () => ctx.config.value.seckill.startingNoticeMinutes * 60,
  );
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    async stop() {
      await sweeper.stop();
      await notices.stop();
      await drainer?.stop();
      await gate.close();
      userAuth.close();
      upstreams.close();
    },
  };
}
