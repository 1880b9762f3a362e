// A COMPLETED order (the shopper received it) makes each of its lines reviewable by its shopper.
// OrderedItem has no line id: a line is (order id, SKU), the same SKU twice counting as one line.
import type { orderv1 } from "@shop/contracts";
import type { Tx } from "@shop/kit/db";
import { insertLines, type NewLine } from "../repo/lines.ts";

export async function recordCompleted(tx: Tx, e: orderv1.OrderStatusChanged): Promise<void> {
  const lines = new Map<string, NewLine>();
  for (const item of e.items) {
    const seen = lines.get(item.skuId);
    if (seen) seen.quantity += item.quantity;
    else
      lines.set(item.skuId, {
        orderId: e.orderId,
        skuId: item.skuId,
        productId: item.productId,
        userId: e.userId,
        orderNumber: e.number,
        quantity: item.quantity,
      });
  }
  await insertLines(tx, [...lines.values()]);
}
