// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import type { Catalog } from "../clients/catalog.ts";

export interface Deps {
  db: Db;
  catalog: Catalog;
  logger: Logger;
}
