// The cart service: the shopper's selected lines (SKU and quantity only; we price them ourselves).
import { createClient, type Transport } from "@connectrpc/connect";
import { cartv1 } from "@shop/contracts";
import { upstream } from "@shop/kit/rpc/upstream";

export interface Cart {
  selectedLines(userId: string): Promise<{ skuId: string; quantity: number }[]>;
}

export function cartOver(transport: Transport): Cart {
  const client = createClient(cartv1.CartInternalService, transport);
  return {
    async selectedLines(userId) {
      const res = await upstream("cart", () => client.getSelectedLines({ userId }));
      return res.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity }));
    },
  };
}
