// A paid order adds its quantities to its products' sales counts (the BEST_SELLING order and the
// search ranking). Counts only ever go up: an order cancelled and refunded after payment still
// showed what shoppers buy, and the ranking is not a ledger. Each counted product's
// product.changed (SALES_COUNTED) refreshes its search document and drops every instance's cached
// copy, as any other change does.
import type { orderv1 } from "@shop/contracts";
import type { Tx } from "@shop/kit/db";
import { publishProductChanged } from "../events/publish.ts";
import { addSales } from "../repo/products.ts";
import { skusOf } from "../repo/skus.ts";

export async function countSales(tx: Tx, items: orderv1.OrderedItem[]): Promise<void> {
  const sold = new Map<string, number>();
  for (const item of items) sold.set(item.productId, (sold.get(item.productId) ?? 0) + item.quantity);
  const counted = await addSales(tx, sold);
  const ids = counted.map((p) => p.id);
  const skus = await skusOf(tx, ids);
  for (const product of counted) {
    const skuIds = skus.filter((s) => s.productId === product.id).map((s) => s.id);
    await publishProductChanged(tx, product, "sales_counted", skuIds);
  }
}
