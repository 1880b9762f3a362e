// What the use cases need, built once in app.ts and passed in.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import type { CatalogCache } from "../cache.ts";
import type { Inventory } from "../clients/inventory.ts";
import type { SearchIndex } from "../search/port.ts";

export interface Deps {
  db: Db;
  cache: CatalogCache;
  inventory: Inventory;
  search: SearchIndex;
  logger: Logger;
}
