// Product writes run in a transaction holding the product's row lock, so two writes of one
// product (a SKU added while another is deleted, say) run one after the other and the rules that
// span its SKUs hold. After the commit this instance drops its cached copy at once; the others
// drop theirs when the product.changed event arrives.
import { productNotFound } from "../domain/errors.ts";
import type { Tx } from "@shop/kit/db";
import { lockProduct, type ProductRow } from "../repo/products.ts";
import type { Deps } from "./deps.ts";

export async function withProductLocked<T>(d: Deps, productId: string, work: (tx: Tx, product: ProductRow) => Promise<T>): Promise<T> {
  const result = await d.db.transaction(async (tx) => {
    const product = await lockProduct(tx, productId);
    if (!product) throw productNotFound();
    return work(tx, product);
  });
  await d.cache.productChanged(productId);
  return result;
}
