// What the product service does with events:
// - "product.search-index" (one group shared by the instances): keeps the search index in step
//   with product and category changes. No inbox: a refresh reads the current state and writes it,
//   so a repeated or late delivery changes nothing.
// - a per-instance group: every instance drops the cache entries a product, category or stock
//   change touches, so the change shows on every instance within about a second (with Redis the
//   entries are shared, and dropping them twice is harmless).
// - "product.sales" (shared): a paid order adds to its products' sales counts, once per message
//   (inbox); the product.changed it publishes then refreshes the index and the caches as above.
// - "product.ratings" (shared): the review service's rating figures, stored unless older than the
//   product's (inbox, and the version); product.changed again refreshes the index and caches.
import { events, orderv1 } from "@shop/contracts";
import { on, subscribeEvents } from "@shop/kit/bus/events";
import { idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus } from "@shop/kit/bus/port";
import type { Db } from "@shop/kit/db";
import type { CatalogCache } from "../cache.ts";
import type { SearchIndex } from "../search/port.ts";
import { applyRating } from "../usecases/apply-rating.ts";
import { countSales } from "../usecases/count-sales.ts";

const searchIndexGroup = "product.search-index";
const cacheGroup = "product.cache";
const salesGroup = "product.sales";
const ratingsGroup = "product.ratings";

export async function subscribeToEvents(bus: Bus, db: Db, search: SearchIndex, cache: CatalogCache): Promise<void> {
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
  await subscribeEvents(bus, salesGroup, [
    // Other transitions are acknowledged without an inbox row: they change nothing here.
    on(events.orderStatusChanged, (e, delivery) =>
      e.to === orderv1.OrderStatus.PAID ? idempotentHandler(db, salesGroup, (_, tx) => countSales(tx, e.items))(delivery) : Promise.resolve(),
    ),
  ]);
  await subscribeEvents(bus, ratingsGroup, [
    on(events.productRatingChanged, (e, delivery) => idempotentHandler(db, ratingsGroup, (_, tx) => applyRating(tx, e))(delivery)),
  ]);
}
