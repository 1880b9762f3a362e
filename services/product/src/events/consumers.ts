// What the product service does with events:
// - "product.search-index" (one group shared by the instances): keeps the search index in step
//   with product and category changes. No inbox: a refresh reads the current state and writes it,
//   so a repeated or late delivery changes nothing.
// - a per-instance group: every instance drops the cache entries a product, category or stock
//   change touches, so the change shows on every instance within about a second (with Redis the
//   entries are shared, and dropping them twice is harmless).
import { events } from "@shop/contracts";
import { on, subscribeEvents } from "@shop/kit/bus/events";
import type { Bus } from "@shop/kit/bus/port";
import type { CatalogCache } from "../cache.ts";
import type { SearchIndex } from "../search/port.ts";

const searchIndexGroup = "product.search-index";
const cacheGroup = "product.cache";

export async function subscribeToEvents(bus: Bus, search: SearchIndex, cache: CatalogCache): Promise<void> {
  await subscribeEvents(bus, searchIndexGroup, [
    on(events.productChanged, (e) => search.refresh([e.productId])),
    on(events.categoryChanged, (e) => search.refreshCategory(e.categoryId)),
  ]);
  await subscribeEvents(
    bus,
    cacheGroup,
    [
      on(events.productChanged, (e) => cache.productChanged(e.productId)),
      on(events.categoryChanged, () => cache.categoriesChanged()),
      on(events.stockChanged, (e) => cache.stockChanged(e.skuId)),
    ],
    { perInstance: true },
  );
}
