// RemoveItem, SelectItems and ClearCart (and the guest's RemoveGuestItem): no limit can be broken,
// so they go straight to the store.
import type { CartView } from "../domain/view.ts";
import type { CartKey } from "../store/port.ts";
import type { Deps } from "./deps.ts";
import { show, written } from "./show.ts";

export async function removeItems(d: Deps, key: CartKey, skuIds: string[]): Promise<CartView> {
  return show(d, key, written(await d.store.remove(key, skuIds)));
}

export async function selectItems(d: Deps, key: CartKey, skuIds: string[], selected: boolean): Promise<CartView> {
  return show(d, key, written(await d.store.select(key, skuIds, selected)));
}

export async function clearCart(d: Deps, key: CartKey): Promise<CartView> {
  return show(d, key, written(await d.store.clear(key)));
}
