// QuoteOrder: the shopper's selected cart lines, priced from the catalog (never from the client).
import { priceLines, type Quote } from "../domain/pricing.ts";
import type { Deps } from "./deps.ts";

export async function quoteOrder(d: Deps, userId: string): Promise<Quote> {
  const selected = await d.cart.selectedLines(userId);
  const catalog = await d.catalog.skus(selected.map((l) => l.skuId));
  return priceLines(selected, catalog, d.shipping);
}
