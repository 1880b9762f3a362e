// What the use cases need, built once in app.ts and passed in.
import type { Catalog } from "../clients/catalog.ts";
import type { CartStore } from "../store/port.ts";

export interface Deps {
  store: CartStore;
  catalog: Catalog;
}
