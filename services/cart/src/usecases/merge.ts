// MergeGuestCart: the guest cart's lines move into the shopper's cart within the limits (each line
// capped at 99 and at what is available, lines past the 100th left out; domain/merge.ts), the
// guest cart is deleted. An unknown, expired or already merged token changes nothing: the client
// may call this at every sign-in without keeping track.
import { lineCap, maxLines, maxQuantity } from "../domain/limits.ts";
import type { CartView } from "../domain/view.ts";
import { guestCart, userCart } from "../store/port.ts";
import type { Deps } from "./deps.ts";
import { show } from "./show.ts";

export async function mergeGuestCart(d: Deps, userId: string, token: string): Promise<{ cart: CartView; adjusted: string[] }> {
  const [guest, user] = [guestCart(token), userCart(userId)];
  const [theirs, mine] = await Promise.all([d.store.read(guest), d.store.read(user)]);
  const ids = new Set([...(theirs?.lines ?? []), ...(mine?.lines ?? [])].map((l) => l.skuId));
  const lookup = await d.catalog.lookup([...ids]);
  const caps = new Map([...ids].map((id) => [id, lineCap(lookup.available && (lookup.available.get(id) ?? 0))]));
  const merged = await d.store.merge(guest, user, caps, maxQuantity, maxLines);
  return { cart: await show(d, user, merged.cart, { ids, lookup }), adjusted: merged.adjusted };
}
