// TEST DOUBLE of the cart service's CartInternalService (the real one is services/cart): each
// user's selected lines, as the test sets them.
import type { ConnectRouter } from "@connectrpc/connect";
import { cartv1 } from "@shop/contracts";

export interface FakeCart {
  routes: (router: ConnectRouter) => void;
  select(userId: string, lines: { skuId: string; quantity: number }[]): void;
}

export function fakeCart(): FakeCart {
  const selected = new Map<string, { skuId: string; quantity: number }[]>();
  return {
    routes: (router) =>
      router.service(cartv1.CartInternalService, {
        getSelectedLines: (req) => ({ lines: selected.get(req.userId) ?? [] }),
      }),
    select: (userId, lines) => void selected.set(userId, lines),
  };
}
