// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import type { CarrierProvider } from "../carriers/port.ts";

export interface Deps {
  db: Db;
  /** Every carrier integration by name (the webhook path's `:carrier`). */
  providers: ReadonlyMap<string, CarrierProvider>;
  /** The integration of a carrier name not in `providers` (the sandbox stands in for them). */
  fallback: CarrierProvider;
  logger: Logger;
  now: () => Date;
}
