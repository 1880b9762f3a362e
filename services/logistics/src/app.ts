// Builds the logistics service from its context: the token verifier (keys from the user service),
// the sandbox carrier (its webhook secret from the config or the data folder), the consumer that
// makes shipments from shipped orders and the three RPC services. Listening is the kit's job.
import { join } from "node:path";
import type { ConnectRouter } from "@connectrpc/connect";
import { logisticsv1 } from "@shop/contracts";
import { readOrCreateSecret } from "@shop/kit/secret-file";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import { createSandboxCarrier } from "./carriers/sandbox/carrier.ts";
import { sandboxWebhookUrl, type LogisticsConfig } from "./config.ts";
import { subscribeToEvents } from "./events/consumers.ts";
import { adminShipmentService, carrierWebhookService, shipmentService } from "./rpc/shipments.ts";
import type { Deps } from "./usecases/deps.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(logisticsv1.ShipmentService, shipmentService(deps));
  router.service(logisticsv1.AdminShipmentService, adminShipmentService(deps));
  router.service(logisticsv1.CarrierWebhookService, carrierWebhookService(deps));
};

export async function build(ctx: ServiceContext<LogisticsConfig>): Promise<ServiceParts> {
  const c = ctx.config.value;
  const userAuth = createUserAuth(ctx);
  const secret = c.logistics.sandboxWebhookSecret
    ? Buffer.from(c.logistics.sandboxWebhookSecret)
    : readOrCreateSecret(join(c.dataDir, "keys", "logistics-sandbox-webhook.key"));
  const sandbox = createSandboxCarrier({
    db: ctx.db,
    secret,
    webhookUrl: sandboxWebhookUrl(c),
    stepSeconds: () => ctx.config.value.logistics.sandboxStepSeconds,
    logger: ctx.logger,
  });
  const deps: Deps = { db: ctx.db, providers: new Map([[sandbox.name, sandbox]]), fallback: sandbox, logger: ctx.logger, now: () => new Date() };
  await subscribeToEvents(ctx.bus, deps);
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    async stop() {
      userAuth.close();
      await sandbox.close();
    },
  };
}
