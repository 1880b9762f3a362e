// UpdateSku: only the fields given change; the result must still follow the price rules, and a
// SKU may change its currency only when it is the product's only SKU.
import { checkCurrency, checkPrices } from "../domain/product.ts";
import { publishProductChanged } from "../events/publish.ts";
import { refreshPrice } from "../repo/products.ts";
import { skusOf, updateSku as updateRow, type SkuFields, type SkuRow } from "../repo/skus.ts";
import type { Deps } from "./deps.ts";
import { skuWriteError } from "./sku-errors.ts";
import { withSkuLocked } from "./sku-tx.ts";

export async function updateSku(d: Deps, skuId: string, patch: Partial<SkuFields>): Promise<SkuRow> {
  return withSkuLocked(d, skuId, async (tx, sku, product) => {
    const next = { ...sku, ...patch };
    checkPrices(next);
    const all = await skusOf(tx, [product.id]);
    if (all.length > 1) checkCurrency(product.currency, next.currency);
    const updated = await updateRow(tx, skuId, patch).catch(skuWriteError);
    await refreshPrice(tx, product.id);
    await publishProductChanged(
      tx,
      product,
      "skus_changed",
      all.map((s) => s.id),
    );
    return updated;
  });
}
