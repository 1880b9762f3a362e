// CreateProduct: a draft in an existing category, with its first SKUs when given.
import { asDomainError } from "@shop/kit/db-errors";
import { v7 } from "uuid";
import { categoryOfProductNotFound } from "../domain/errors.ts";
import { checkCurrency, checkPrices } from "../domain/product.ts";
import { publishProductChanged } from "../events/publish.ts";
import { findCategory } from "../repo/categories.ts";
import { loadDetail, type ProductDetail } from "../repo/details.ts";
import { insertProduct, productCategoryConstraint, refreshPrice, type ProductFields } from "../repo/products.ts";
import { insertSkus, type SkuFields } from "../repo/skus.ts";
import type { Deps } from "./deps.ts";
import { skuWriteError } from "./sku-errors.ts";
import { transaction } from "@shop/kit/transaction";

export async function createProduct(d: Deps, fields: ProductFields, skus: SkuFields[]): Promise<ProductDetail> {
  for (const sku of skus) {
    checkPrices(sku);
    checkCurrency(skus[0]!.currency, sku.currency);
  }
  return transaction(d.db, async (tx) => {
    if (!(await findCategory(tx, fields.categoryId))) throw categoryOfProductNotFound();
    const product = await insertProduct(tx, { ...fields, id: v7() }).catch((err: unknown) => {
      throw asDomainError(err, { [productCategoryConstraint]: categoryOfProductNotFound }); // deleted meanwhile
    });
    const inserted = await insertSkus(
      tx,
      skus.map((s) => ({ ...s, id: v7(), productId: product.id })),
    ).catch(skuWriteError);
    if (inserted.length) await refreshPrice(tx, product.id);
    await publishProductChanged(
      tx,
      product,
      "created",
      inserted.map((s) => s.id),
    );
    return (await loadDetail(tx, product.id))!;
  });
}
