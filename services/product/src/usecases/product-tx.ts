// Product writes run in a transaction holding the product's row lock, so two writes of one
// product (a SKU added while another is deleted, say) run one after the other and the rules that
// span its SKUs hold. After the commit this instance drops its cached copy at once; the others
// drop theirs when the product.changed event arrives.
import { productNotFound } from "../domain/errors.ts";
import type { Tx } from "@shop/kit/db";
import { lockProduct, type ProductRow } from "../repo/products.ts";
import type { Deps } from "./deps.ts";
import { afterCommit, transaction } from "@shop/kit/transaction";

export async function withProductLocked<T>(d: Deps, productId: string, work: (tx: Tx, product: ProductRow) => Promise<T>): Promise<T> {
  const result = await transaction(d.db, async (tx) => {
    const product = await lockProduct(tx, productId);
    if (!product) throw productNotFound();
    return work(tx, product);
  });
  await afterCommit(d.db, () => d.cache.productChanged(productId));
  return result;
}
