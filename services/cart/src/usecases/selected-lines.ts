// GetSelectedLines (for the order service): the shopper's selected lines as stored.
import { userCart } from "../store/port.ts";
import type { Deps } from "./deps.ts";

export async function selectedLines(d: Deps, userId: string): Promise<{ skuId: string; quantity: number }[]> {
  const cart = await d.store.read(userCart(userId));
  return (cart?.lines ?? []).filter((l) => l.selected).map(({ skuId, quantity }) => ({ skuId, quantity }));
}
