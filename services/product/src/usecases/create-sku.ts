// CreateSku: positive price, compare-at not below it, the product's currency, at most
// maxSkusPerProduct per product.
import { v7 } from "uuid";
import { skuLimitReached } from "../domain/errors.ts";
import { checkCurrency, checkPrices, maxSkusPerProduct } from "../domain/product.ts";
import { publishProductChanged } from "../events/publish.ts";
import { refreshPrice } from "../repo/products.ts";
import { insertSkus, skusOf, type SkuFields, type SkuRow } from "../repo/skus.ts";
import type { Deps } from "./deps.ts";
import { withProductLocked } from "./product-tx.ts";
import { skuWriteError } from "./sku-errors.ts";

export async function createSku(d: Deps, productId: string, fields: SkuFields): Promise<SkuRow> {
  checkPrices(fields);
  return withProductLocked(d, productId, async (tx, product) => {
    const existing = await skusOf(tx, [productId]);
    if (existing.length >= maxSkusPerProduct) throw skuLimitReached(maxSkusPerProduct);
    checkCurrency(product.currency, fields.currency);
    const [sku] = await insertSkus(tx, [{ ...fields, id: v7(), productId }]).catch(skuWriteError);
    await refreshPrice(tx, productId);
    await publishProductChanged(tx, product, "skus_changed", [...existing.map((s) => s.id), sku!.id]);
    return sku!;
  });
}
