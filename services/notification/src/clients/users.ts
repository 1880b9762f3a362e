// The user service, for a shopper's email (UserInternalService, internal: hence the internal token).
// Deadline and retries from the kit's transport; a user service that does not answer is thrown,
// and the delivery is tried again later.
import { createClient } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { createServiceTransport } from "@shop/kit/rpc/client";
import type { TlsMaterial } from "@shop/kit/rpc/tls";

export interface Contacts {
  contactOf(userId: string): Promise<{ email: string; displayName: string }>;
  close(): void;
}

export function createContacts(o: { registry: Registry; logger: Logger; timeoutMs: number; internalToken: string; tls?: TlsMaterial }): Contacts {
  const transport = createServiceTransport("user", o.registry, {
    timeoutMs: o.timeoutMs,
    logger: o.logger,
    maxAttempts: 2,
    internalToken: o.internalToken,
    tls: o.tls,
  });
  const client = createClient(userv1.UserInternalService, transport);
  return {
    async contactOf(userId) {
      const c = await client.getUserContact({ userId });
      return { email: c.email, displayName: c.displayName };
    },
    close: () => transport.close(),
  };
}
