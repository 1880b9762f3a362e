// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import type { Upstreams } from "../clients/create.ts";
import type { Gate } from "../gate/port.ts";
import type { SaleViews } from "./sale-views.ts";

export interface Deps extends Upstreams {
  db: Db;
  gate: Gate;
  logger: Logger;
  views: SaleViews;
  tokenSecret: Buffer;
  tokenTtlSeconds: number;
  releaseGraceSeconds: number;
  /** How many won tickets wait for the drainer (0 with the PostgreSQL gate). */
  queueDepth(): Promise<number>;
}
