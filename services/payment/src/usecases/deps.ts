// What the use cases need, built once in app.ts (or by a test) and passed in.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import type { Orders } from "../clients/orders.ts";
import type { PaymentProvider } from "../providers/port.ts";
import type { SandboxProvider } from "../providers/sandbox/provider.ts";

export interface Deps {
  db: Db;
  orders: Orders;
  /** Every provider by name (the webhook path's `:provider`); new payments go to the sandbox. */
  providers: ReadonlyMap<string, PaymentProvider>;
  sandbox: SandboxProvider;
  logger: Logger;
  now: () => Date;
}

/** Who made a change and why: a user id, "provider:<name>" or "order-service". */
export interface ChangeCause {
  actor: string;
  reason: string;
}
