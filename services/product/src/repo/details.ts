// A product with its SKUs: what the detail page, the admin and the batch reads return.
import type { Executor } from "@shop/kit/db";
import { findProduct, findProducts, type ProductRow } from "./products.ts";
import { skusOf, type SkuRow } from "./skus.ts";

export type ProductDetail = ProductRow & { skus: SkuRow[] };

export async function loadDetail(ex: Executor, id: string): Promise<ProductDetail | undefined> {
  const product = await findProduct(ex, id);
  if (!product) return undefined;
  return { ...product, skus: await skusOf(ex, [id]) };
}

/** The products found among `ids`, each with its SKUs, in the order of `ids`. */
export async function loadDetails(ex: Executor, ids: string[]): Promise<ProductDetail[]> {
  const rows = await findProducts(ex, ids);
  const skus = await skusOf(
    ex,
    rows.map((r) => r.id),
  );
  const byId = new Map(rows.map((r) => [r.id, { ...r, skus: skus.filter((s) => s.productId === r.id) }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
