// PublishProduct and UnpublishProduct: the status machine in domain/product.ts. Publishing needs
// a SKU. Asking for the status a product already has changes nothing and publishes no event.
import { productHasNoSku } from "../domain/errors.ts";
import { statusAfter } from "../domain/product.ts";
import { publishProductChanged } from "../events/publish.ts";
import { loadDetail, type ProductDetail } from "../repo/details.ts";
import { setStatus } from "../repo/products.ts";
import type { Deps } from "./deps.ts";
import { withProductLocked } from "./product-tx.ts";

export async function changeStatus(d: Deps, id: string, action: "publish" | "unpublish"): Promise<ProductDetail> {
  return withProductLocked(d, id, async (tx, current) => {
    const next = statusAfter[action][current.status];
    const detail = (await loadDetail(tx, id))!;
    if (next === current.status) return detail;
    if (next === "on_sale" && !detail.skus.length) throw productHasNoSku();
    const updated = await setStatus(tx, id, next);
    await publishProductChanged(
      tx,
      updated,
      action === "publish" ? "published" : "unpublished",
      detail.skus.map((s) => s.id),
    );
    return { ...updated, skus: detail.skus };
  });
}
