// AddItem / AddGuestItem: the SKU must exist and its product be on sale; the line (new, or the sum
// with what the cart holds) must stay within 99 units and what is available, the cart within 100
// lines. The store checks the sum atomically; the SKU's facts come from one lookup that also
// serves the answer.
import { cartFull, insufficientStock, productNotOnSale, quantityLimit, skuNotFound } from "../domain/errors.ts";
import { lineCap, maxLines, maxQuantity } from "../domain/limits.ts";
import type { CartView } from "../domain/view.ts";
import type { CartKey } from "../store/port.ts";
import type { Deps } from "./deps.ts";
import { readAndLookUp, show, written } from "./show.ts";

export async function addItem(d: Deps, key: CartKey, skuId: string, quantity: number): Promise<CartView> {
  const before = await readAndLookUp(d, key, [skuId]);
  const sku = before.lookup.skus.get(skuId);
  if (!sku) throw skuNotFound();
  if (!sku.onSale) throw productNotOnSale();
  const available = before.lookup.available && (before.lookup.available.get(skuId) ?? 0);
  const outcome = await d.store.add(key, { skuId, quantity, priceMinor: sku.priceMinor, currency: sku.currency }, lineCap(available), maxLines);
  if ("full" in outcome) throw cartFull();
  if ("over" in outcome) {
    throw outcome.inCart + quantity > maxQuantity ? quantityLimit(outcome.inCart) : insufficientStock(available ?? 0, outcome.inCart);
  }
  return show(d, key, written(outcome), before);
}
