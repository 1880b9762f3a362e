// CartService (the signed-in shopper's cart) and CartInternalService (the order service's read):
// the kit's interceptors have checked access and input.
import type { ServiceImpl } from "@connectrpc/connect";
import type { cartv1 } from "@shop/contracts";
import { addItem } from "../usecases/add-item.ts";
import type { Deps } from "../usecases/deps.ts";
import { clearCart, removeItems, selectItems } from "../usecases/edit-lines.ts";
import { mergeGuestCart } from "../usecases/merge.ts";
import { selectedLines } from "../usecases/selected-lines.ts";
import { getCart } from "../usecases/show.ts";
import { updateItem } from "../usecases/update-item.ts";
import { cartOf, shopperOf, toCart } from "./mapping.ts";

export function cartService(d: Deps): ServiceImpl<typeof cartv1.CartService> {
  return {
    async getCart(_req, ctx) {
      return toCart(await getCart(d, cartOf(ctx)));
    },
    async addItem(req, ctx) {
      return toCart(await addItem(d, cartOf(ctx), req.skuId, req.quantity));
    },
    async updateItem(req, ctx) {
      return toCart(await updateItem(d, cartOf(ctx), req.skuId, { quantity: req.quantity, selected: req.selected }));
    },
    async removeItem(req, ctx) {
      return toCart(await removeItems(d, cartOf(ctx), [req.skuId]));
    },
    async selectItems(req, ctx) {
      return toCart(await selectItems(d, cartOf(ctx), req.skuIds, req.selected));
    },
    async clearCart(_req, ctx) {
      return toCart(await clearCart(d, cartOf(ctx)));
    },
    async mergeGuestCart(req, ctx) {
      const merged = await mergeGuestCart(d, shopperOf(ctx), req.cartToken);
      return { cart: toCart(merged.cart), adjustedSkuIds: merged.adjusted };
    },
  };
}

export function cartInternalService(d: Deps): ServiceImpl<typeof cartv1.CartInternalService> {
  return {
    async getSelectedLines(req) {
      return { lines: await selectedLines(d, req.userId) };
    },
  };
}
