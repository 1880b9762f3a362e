// What the product service does with events:
// - "product.search-index" (one group shared by the instances): keeps the search index in step
//   with product and category changes. No inbox: a refresh reads the current state and writes it,
//   so a repeated or late delivery changes nothing.
// - a per-instance group: every instance drops the cache entries a product, category or stock
//   change touches, so the change shows on every instance within about a second (with Redis the
//   entries are shared, and dropping them twice is harmless).
import { inventoryv1, productv1 } from "@shop/contracts";
import { decodeEvent } from "@shop/kit/bus/inbox";
import type { Bus, Delivery } from "@shop/kit/bus/port";
import type { CatalogCache } from "../cache.ts";
import type { SearchIndex } from "../search/port.ts";
import { topics } from "./publish.ts";

const searchIndexGroup = "product.search-index";
const cacheGroup = "product.cache";

export async function subscribeToEvents(bus: Bus, search: SearchIndex, cache: CatalogCache): Promise<void> {
  await bus.subscribe(searchIndexGroup, [topics.productChanged, topics.categoryChanged], async (delivery: Delivery) => {
    if (delivery.topic === topics.productChanged) await search.refresh([decodeEvent(productv1.ProductChangedSchema, delivery).productId]);
    else await search.refreshCategory(decodeEvent(productv1.CategoryChangedSchema, delivery).categoryId);
  });
  await bus.subscribe(
    cacheGroup,
    [topics.productChanged, topics.categoryChanged, topics.stockChanged],
    async (delivery: Delivery) => {
      switch (delivery.topic) {
        case topics.productChanged:
          return cache.productChanged(decodeEvent(productv1.ProductChangedSchema, delivery).productId);
        case topics.categoryChanged:
          return cache.categoriesChanged();
        case topics.stockChanged:
          return cache.stockChanged(decodeEvent(inventoryv1.StockChangedSchema, delivery).skuId);
      }
    },
    { perInstance: true },
  );
}
