// BatchGetProducts and BatchGetSkus: for the cart and order services, any status, no availability,
// unknown ids left out, the order of the request kept.
import { loadDetails, type ProductDetail } from "../repo/details.ts";
import { findProducts, type ProductRow } from "../repo/products.ts";
import { findSkus, type SkuRow } from "../repo/skus.ts";
import type { Deps } from "./deps.ts";

export const batchGetProducts = (d: Deps, ids: string[]): Promise<ProductDetail[]> => loadDetails(d.db, ids);

export async function batchGetSkus(d: Deps, ids: string[]): Promise<{ sku: SkuRow; product: ProductRow }[]> {
  const skus = await findSkus(d.db, ids);
  const products = new Map((await findProducts(d.db, [...new Set(skus.map((s) => s.productId))])).map((p) => [p.id, p]));
  const byId = new Map(skus.map((s) => [s.id, s]));
  return ids.flatMap((id) => {
    const sku = byId.get(id);
    const product = sku && products.get(sku.productId);
    return sku && product ? [{ sku, product }] : [];
  });
}
