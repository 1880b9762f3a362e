// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import type { Upstreams } from "../clients/create.ts";
import type { ShippingRule } from "../domain/pricing.ts";

export interface Deps extends Upstreams {
  db: Db;
  logger: Logger;
  shipping: ShippingRule;
  paymentTimeoutSeconds: number;
  sagaGraceSeconds: number;
  /** Seconds from delivery to the automatic receipt confirmation. */
  autoConfirmSeconds: number;
}
