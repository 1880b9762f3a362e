// The cart as the pages see it, guest or signed in: one query and one set of writes, whichever
// service holds it (a guest's cart lives under the token api/guest-cart.ts keeps; signing in merges it).
import { create } from "@bufbuild/protobuf";
import { CartSchema, CartService, GuestCartService, type Cart } from "@shop/contracts/shop/cart/v1/cart_pb.ts";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { rpc } from "../../api/client.ts";
import { ApiError } from "../../api/error.ts";
import { guestCart } from "../../api/guest-cart.ts";
import { useSignedIn } from "../../auth/session.tsx";

const emptyCart = (): Cart => create(CartSchema, {});

/** The cart query: keyed like rpcQuery's, so invalidating either cart service refreshes it. */
export function cartQuery(signedIn: boolean) {
  if (signedIn) {
    return queryOptions({
      queryKey: [CartService.typeName, CartService.method.getCart.name, {}] as unknown[],
      queryFn: ({ signal }) => rpc(CartService.method.getCart, {}, { signal }),
    });
  }
  // The token is read when fetching, not in the key: the first add creates it under a mounted query.
  return queryOptions({
    queryKey: [GuestCartService.typeName, GuestCartService.method.getGuestCart.name, "guest"] as unknown[],
    queryFn: async ({ signal }) => {
      const cartToken = guestCart.token();
      // No token yet: nothing was added, so there is nothing to ask for.
      if (!cartToken) return emptyCart();
      try {
        return await rpc(GuestCartService.method.getGuestCart, { cartToken }, { signal });
      } catch (err) {
        // An expired or merged guest cart is gone for good: start afresh rather than show an error.
        if (err instanceof ApiError && err.status === 404) {
          guestCart.clear();
          return emptyCart();
        }
        throw err;
      }
    },
  });
}

export function useCart() {
  const signedIn = useSignedIn();
  return useQuery(cartQuery(signedIn));
}

type Write =
  | { op: "add"; skuId: string; quantity: number }
  | { op: "update"; skuId: string; quantity?: number; selected?: boolean }
  | { op: "remove"; skuId: string }
  | { op: "select"; skuIds: string[]; selected: boolean };

async function writeSignedIn(w: Write): Promise<Cart> {
  switch (w.op) {
    case "add":
      return rpc(CartService.method.addItem, { skuId: w.skuId, quantity: w.quantity }, { idempotencyKey: crypto.randomUUID() });
    case "update":
      return rpc(CartService.method.updateItem, { skuId: w.skuId, quantity: w.quantity, selected: w.selected });
    case "remove":
      return rpc(CartService.method.removeItem, { skuId: w.skuId });
    case "select":
      return rpc(CartService.method.selectItems, { skuIds: w.skuIds, selected: w.selected });
  }
}

async function guestToken(): Promise<string> {
  const existing = guestCart.token();
  if (existing) return existing;
  const cart = await rpc(GuestCartService.method.createGuestCart, {}, { idempotencyKey: crypto.randomUUID() });
  guestCart.set(cart.cartToken);
  return cart.cartToken;
}

async function writeGuest(w: Write): Promise<Cart> {
  const cartToken = await guestToken();
  switch (w.op) {
    case "add":
      return rpc(GuestCartService.method.addGuestItem, { cartToken, skuId: w.skuId, quantity: w.quantity }, { idempotencyKey: crypto.randomUUID() });
    case "update":
      return rpc(GuestCartService.method.updateGuestItem, { cartToken, skuId: w.skuId, quantity: w.quantity, selected: w.selected });
    case "remove":
      return rpc(GuestCartService.method.removeGuestItem, { cartToken, skuId: w.skuId });
    case "select": {
      // A guest cart has no batch selection: one update per line.
      let cart: Cart | undefined;
      for (const skuId of w.skuIds) cart = await rpc(GuestCartService.method.updateGuestItem, { cartToken, skuId, selected: w.selected });
      return cart ?? emptyCart();
    }
  }
}

/** Writes to the cart; every answer is the whole cart, which becomes the query's data at once. */
export function useCartWrite() {
  const signedIn = useSignedIn();
  const client = useQueryClient();
  return useMutation<Cart, Error, Write>({
    mutationFn: (w) => (signedIn ? writeSignedIn(w) : writeGuest(w)),
    onSuccess: (cart) => {
      client.setQueryData(cartQuery(signedIn).queryKey, cart);
    },
  });
}
