// GuestCartService: the token is the only key, so whoever holds it holds the cart.
import type { ServiceImpl } from "@connectrpc/connect";
import type { cartv1 } from "@shop/contracts";
import { guestCart } from "../store/port.ts";
import { addItem } from "../usecases/add-item.ts";
import type { Deps } from "../usecases/deps.ts";
import { removeItems } from "../usecases/edit-lines.ts";
import { createGuestCart } from "../usecases/guest.ts";
import { getCart } from "../usecases/show.ts";
import { updateItem } from "../usecases/update-item.ts";
import { toCart } from "./mapping.ts";

export function guestCartService(d: Deps): ServiceImpl<typeof cartv1.GuestCartService> {
  return {
    async createGuestCart() {
      return toCart(await createGuestCart(d));
    },
    async getGuestCart(req) {
      return toCart(await getCart(d, guestCart(req.cartToken)));
    },
    async addGuestItem(req) {
      return toCart(await addItem(d, guestCart(req.cartToken), req.skuId, req.quantity));
    },
    async updateGuestItem(req) {
      return toCart(await updateItem(d, guestCart(req.cartToken), req.skuId, { quantity: req.quantity, selected: req.selected }));
    },
    async removeGuestItem(req) {
      return toCart(await removeItems(d, guestCart(req.cartToken), [req.skuId]));
    },
  };
}
