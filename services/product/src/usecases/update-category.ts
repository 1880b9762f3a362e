// UpdateCategory: rename, reorder or move. A move is refused when the new parent is the category
// itself or below it; moves are serialized so that two crossing moves cannot make a cycle together.
import { checkNoCycle } from "../domain/category-tree.ts";
import { categoryNotFound, parentCategoryNotFound } from "../domain/errors.ts";
import { publishCategoryChanged } from "../events/publish.ts";
import { ancestorChain, findCategory, lockTreeShape, updateCategory as updateRow, type CategoryFields, type CategoryRow } from "../repo/categories.ts";
import { categoryWriteError } from "./category-errors.ts";
import type { Deps } from "./deps.ts";
import { afterCommit, transaction } from "@shop/kit/transaction";

export async function updateCategory(d: Deps, id: string, patch: Partial<CategoryFields>): Promise<CategoryRow> {
  const row = await transaction(d.db, async (tx) => {
    const current = await findCategory(tx, id);
    if (!current) throw categoryNotFound();
    const moving = patch.parentId !== undefined && patch.parentId !== current.parentId;
    if (moving) {
      await lockTreeShape(tx);
      if (patch.parentId) {
        const chain = await ancestorChain(tx, patch.parentId);
        if (!chain.length) throw parentCategoryNotFound();
        checkNoCycle(id, chain);
      }
    }
    const updated = await updateRow(tx, id, patch).catch(categoryWriteError);
    if (!updated) throw categoryNotFound();
    await publishCategoryChanged(tx, id, moving ? "moved" : "updated");
    return updated;
  });
  await afterCommit(d.db, () => d.cache.categoriesChanged());
  return row;
}
