// Builds the notification service from its context: the token verifier (keys from the user
// service), the channels (email through SMTP when configured, SMS through the sandbox provider),
// the events' consumer, the delivery worker and the two RPC services. Listening is the kit's job.
import type { ConnectRouter } from "@connectrpc/connect";
import { notificationv1 } from "@shop/contracts";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { createUserAuth } from "@shop/kit/user-jwks";
import { createEmailChannel } from "./channels/email.ts";
import { createSandboxSms, createSmsChannel } from "./channels/sms.ts";
import { createContacts } from "./clients/users.ts";
import type { NotificationConfig } from "./config.ts";
import { subscribeToEvents } from "./events/consumers.ts";
import { adminNotificationService, notificationService } from "./rpc/notification.ts";
import { startDeliveryWorker } from "./usecases/deliver.ts";
import type { Deps } from "./usecases/deps.ts";

/** Everything the service answers, from its deps alone: served by the kit, or in process by tests. */
export const routes = (deps: Deps) => (router: ConnectRouter) => {
  router.service(notificationv1.NotificationService, notificationService(deps));
  router.service(notificationv1.AdminNotificationService, adminNotificationService(deps));
};

export async function build(ctx: ServiceContext<NotificationConfig>): Promise<ServiceParts> {
  const c = ctx.config.value.notification;
  const userAuth = createUserAuth(ctx);
  const contacts = createContacts({
    registry: ctx.registry,
    logger: ctx.logger,
    timeoutMs: c.userTimeoutMs,
    internalToken: ctx.config.value.internalToken,
    tls: ctx.tls,
  });
  const deps: Deps = {
    db: ctx.db,
    logger: ctx.logger,
    channels: {
      email: c.smtpUrl ? createEmailChannel({ smtpUrl: c.smtpUrl, from: c.mailFrom, timeoutMs: c.smtpTimeoutMs, contacts }) : undefined,
      sms: createSmsChannel(createSandboxSms(ctx.db)),
    },
    retry: () => {
      const now = ctx.config.value.notification;
      return { baseSeconds: now.retryBaseSeconds, maxSeconds: now.retryMaxSeconds, maxAttempts: now.maxAttempts };
    },
  };
  await subscribeToEvents(ctx.bus, deps);
  const worker = startDeliveryWorker(
    deps,
    () => ctx.config.value.notification.deliveryIntervalSeconds,
    () => ctx.config.value.notification.deliveryBatch,
  );
  return {
    routes: routes(deps),
    verifyToken: userAuth.verifyToken,
    async stop() {
      await worker.stop();
      for (const channel of Object.values(deps.channels)) channel?.close();
      contacts.close();
      userAuth.close();
    },
  };
}
