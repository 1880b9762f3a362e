// Every cart answer goes through here: the stored cart, plus one lookup of its SKUs (product and
// inventory, batched), into the view the shopper reads.
import type { Lookup } from "../clients/catalog.ts";
import { cartNotFound, lineNotFound } from "../domain/errors.ts";
import { viewCart, type CartView } from "../domain/view.ts";
import { isGuest, type CartKey, type Missing, type StoredCart } from "../store/port.ts";
import type { Deps } from "./deps.ts";

const tokenOf = (key: CartKey) => (isGuest(key) ? key.slice(2) : "");

/**
 * The view of `cart`. A lookup made before the write is reused when it covers every line (it
 * does unless a concurrent write added a SKU meanwhile), so a write costs one lookup, not two.
 */
export async function show(d: Deps, key: CartKey, cart: StoredCart, before?: { ids: Set<string>; lookup: Lookup }): Promise<CartView> {
  const covered = before && cart.lines.every((l) => before.ids.has(l.skuId));
  const lookup = covered ? before.lookup : await d.catalog.lookup(cart.lines.map((l) => l.skuId));
  return viewCart(cart, lookup, tokenOf(key));
}

/** The stored cart; a guest cart that does not exist is CART_NOT_FOUND. */
export async function readCart(d: Deps, key: CartKey): Promise<StoredCart> {
  const cart = await d.store.read(key);
  if (!cart) throw cartNotFound();
  return cart;
}

export async function getCart(d: Deps, key: CartKey): Promise<CartView> {
  return show(d, key, await readCart(d, key));
}

/** The cart a store write answered, or its typed error. */
export function written<T extends { cart: StoredCart }>(outcome: T | Missing): StoredCart {
  if ("cart" in outcome) return outcome.cart;
  throw outcome.missing === "CART_NOT_FOUND" ? cartNotFound() : lineNotFound();
}

/** The cart as it is and one lookup of its SKUs and `more`, for a write that checks them first. */
export async function readAndLookUp(d: Deps, key: CartKey, more: string[]): Promise<{ cart: StoredCart; ids: Set<string>; lookup: Lookup }> {
  const cart = await readCart(d, key);
  const ids = new Set([...cart.lines.map((l) => l.skuId), ...more]);
  return { cart, ids, lookup: await d.catalog.lookup([...ids]) };
}
