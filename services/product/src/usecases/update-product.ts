// UpdateProduct: only the fields given change; a new category must exist.
import { categoryOfProductNotFound } from "../domain/errors.ts";
import { publishProductChanged } from "../events/publish.ts";
import { findCategory } from "../repo/categories.ts";
import { loadDetail, type ProductDetail } from "../repo/details.ts";
import { updateProduct as updateRow, type ProductFields } from "../repo/products.ts";
import type { Deps } from "./deps.ts";
import { withProductLocked } from "./product-tx.ts";

export async function updateProduct(d: Deps, id: string, patch: Partial<ProductFields>): Promise<ProductDetail> {
  return withProductLocked(d, id, async (tx, current) => {
    if (patch.categoryId && patch.categoryId !== current.categoryId && !(await findCategory(tx, patch.categoryId))) throw categoryOfProductNotFound();
    const updated = await updateRow(tx, id, patch);
    const detail = (await loadDetail(tx, id))!;
    await publishProductChanged(
      tx,
      updated,
      "updated",
      detail.skus.map((s) => s.id),
    );
    return detail;
  });
}
