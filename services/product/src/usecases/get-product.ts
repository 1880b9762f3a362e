// GetProduct (public): the cached detail with each SKU's availability. Drafts are "not found".
import { keys } from "../cache.ts";
import { productNotFound } from "../domain/errors.ts";
import { publiclyVisible } from "../domain/product.ts";
import { loadDetail, type ProductDetail } from "../repo/details.ts";
import { availabilityOf } from "./availability.ts";
import type { Deps } from "./deps.ts";

export async function getProduct(d: Deps, id: string): Promise<{ product: ProductDetail; availability?: Map<string, number> }> {
  const product = await d.cache.products.get(keys.product(id), async () => {
    const detail = await loadDetail(d.db, id);
    if (!detail) throw productNotFound();
    return detail;
  });
  if (!publiclyVisible(product.status)) throw productNotFound();
  return {
    product,
    availability: await availabilityOf(
      d,
      product.skus.map((s) => s.id),
    ),
  };
}
