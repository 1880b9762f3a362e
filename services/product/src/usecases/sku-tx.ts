// SKU writes lock the SKU's product first (see product-tx.ts), then read the SKU again under the
// lock: it may have been deleted while we waited.
import { skuNotFound } from "../domain/errors.ts";
import type { Tx } from "@shop/kit/db";
import type { ProductRow } from "../repo/products.ts";
import { findSku, type SkuRow } from "../repo/skus.ts";
import type { Deps } from "./deps.ts";
import { withProductLocked } from "./product-tx.ts";

export async function withSkuLocked<T>(d: Deps, skuId: string, work: (tx: Tx, sku: SkuRow, product: ProductRow) => Promise<T>): Promise<T> {
  const unlocked = await findSku(d.db, skuId);
  if (!unlocked) throw skuNotFound();
  return withProductLocked(d, unlocked.productId, async (tx, product) => {
    const sku = await findSku(tx, skuId);
    if (!sku) throw skuNotFound();
    return work(tx, sku, product);
  });
}
