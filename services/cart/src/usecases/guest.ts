// CreateGuestCart: an empty cart under a new random token, which the client keeps.
import { newCartToken } from "../domain/limits.ts";
import type { CartView } from "../domain/view.ts";
import { guestCart } from "../store/port.ts";
import type { Deps } from "./deps.ts";
import { show } from "./show.ts";

export async function createGuestCart(d: Deps): Promise<CartView> {
  const key = guestCart(newCartToken());
  return show(d, key, await d.store.createGuest(key));
}
