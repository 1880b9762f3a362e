// Builds the payment service from its context: the token verifier (keys from the user service),
// the order client, the sandbox provider (its webhook secret from the config or the data folder),
// the refund consumer and the RPC services (payments, providers, the wallet). Listening is the
// kit's job.
import { join } from "node:path";
import type { ConnectRouter } from "@connectrpc/connect";
import { paymentv1 } from "@shop/contracts";
import { readOrCreateSecret } from "@shop/kit/secret-file";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import { createOrders } from "./clients/orders.ts";
import { sandboxUrls, type PaymentConfig } from "./config.ts";
import { subscribeToEvents } from "./events/consumers.ts";
import { createWebhookSender } from "./providers/sandbox/deliver.ts";
import { createSandboxProvider } from "./providers/sandbox/provider.ts";
import { adminPaymentService, paymentService } from "./rpc/payments.ts";
import { paymentProviderService } from "./rpc/provider.ts";
import { adminWalletService, walletService } from "./rpc/wallet.ts";
import type { Deps } from "./usecases/deps.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(paymentv1.PaymentService, paymentService(deps));
  router.service(paymentv1.AdminPaymentService, adminPaymentService(deps));
  router.service(paymentv1.PaymentProviderService, paymentProviderService(deps));
  router.service(paymentv1.WalletService, walletService(deps));
  router.service(paymentv1.AdminWalletService, adminWalletService(deps));
};

export async function build(ctx: ServiceContext<PaymentConfig>): Promise<ServiceParts> {
  const c = ctx.config.value;
  const userAuth = createUserAuth(ctx);
  const orders = createOrders(ctx.registry, { timeoutMs: c.rpcTimeoutMs, logger: ctx.logger, internalToken: c.internalToken, tls: ctx.tls });
  const secret = c.payment.sandboxWebhookSecret
    ? Buffer.from(c.payment.sandboxWebhookSecret)
    : readOrCreateSecret(join(c.dataDir, "keys", "payment-sandbox-webhook.key"));
  const urls = sandboxUrls(c);
  const sandbox = createSandboxProvider({
    publicUrl: urls.publicUrl,
    secret,
    sender: createWebhookSender({ url: urls.webhookUrl, logger: ctx.logger }),
  });
  const deps: Deps = { db: ctx.db, orders, providers: new Map([[sandbox.name, sandbox]]), sandbox, logger: ctx.logger, now: () => new Date() };
  await subscribeToEvents(ctx.bus, deps);
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    async stop() {
      userAuth.close();
      orders.close();
      await sandbox.close();
    },
  };
}
