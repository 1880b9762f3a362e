// DeleteCategory: only an empty one. The foreign keys back the counts up against a child or a
// product added meanwhile.
import { asDomainError } from "@shop/kit/db-errors";
import { categoryNotEmpty, categoryNotFound } from "../domain/errors.ts";
import { publishCategoryChanged } from "../events/publish.ts";
import { countChildren, deleteCategory as deleteRow, findCategory, parentConstraint } from "../repo/categories.ts";
import { countProductsIn, productCategoryConstraint } from "../repo/products.ts";
import type { Deps } from "./deps.ts";
import { afterCommit, transaction } from "@shop/kit/transaction";

export async function deleteCategory(d: Deps, id: string): Promise<void> {
  await transaction(d.db, async (tx) => {
    if (!(await findCategory(tx, id))) throw categoryNotFound();
    const children = await countChildren(tx, id);
    const products = await countProductsIn(tx, id);
    if (children || products) throw categoryNotEmpty(children, products);
    await deleteRow(tx, id).catch((err: unknown) => {
      const notEmpty = () => categoryNotEmpty(children, products);
      throw asDomainError(err, { [parentConstraint]: notEmpty, [productCategoryConstraint]: notEmpty });
    });
    await publishCategoryChanged(tx, id, "deleted");
  });
  await afterCommit(d.db, () => d.cache.categoriesChanged());
}
