// DeleteSku: never the last SKU of a product on sale (the database would refuse it too).
import { lastSkuOnSale } from "../domain/errors.ts";
import { publishProductChanged } from "../events/publish.ts";
import { refreshPrice } from "../repo/products.ts";
import { deleteSku as deleteRow, skusOf } from "../repo/skus.ts";
import type { Deps } from "./deps.ts";
import { withSkuLocked } from "./sku-tx.ts";

export async function deleteSku(d: Deps, skuId: string): Promise<void> {
  await withSkuLocked(d, skuId, async (tx, _sku, product) => {
    const all = await skusOf(tx, [product.id]);
    if (product.status === "on_sale" && all.length === 1) throw lastSkuOnSale();
    await deleteRow(tx, skuId);
    await refreshPrice(tx, product.id);
    await publishProductChanged(
      tx,
      product,
      "skus_changed",
      all.map((s) => s.id),
    );
  });
}
