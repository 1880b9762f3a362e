// UpdateItem / UpdateGuestItem: a new quantity (1..99 by the proto) must not be above what is
// available (when the inventory service can say); selecting is always allowed.
import { insufficientStock, lineNotFound } from "../domain/errors.ts";
import type { CartView } from "../domain/view.ts";
import type { CartKey, LineChange } from "../store/port.ts";
import type { Deps } from "./deps.ts";
import { readAndLookUp, show, written } from "./show.ts";

export async function updateItem(d: Deps, key: CartKey, skuId: string, change: LineChange): Promise<CartView> {
  const before = await readAndLookUp(d, key, []);
  const line = before.cart.lines.find((l) => l.skuId === skuId);
  if (!line) throw lineNotFound();
  const available = before.lookup.available && (before.lookup.available.get(skuId) ?? 0);
  // Lowering a quantity is always fine, even below a shortage: it is how the shopper mends it.
  if (change.quantity !== undefined && available !== undefined && change.quantity > available && change.quantity > line.quantity) {
    throw insufficientStock(available, line.quantity);
  }
  return show(d, key, written(await d.store.update(key, skuId, change)), before);
}
