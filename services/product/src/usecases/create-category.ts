// CreateCategory: under an existing parent (or at the top), with a name unique among its siblings.
import { v7 } from "uuid";
import { parentCategoryNotFound } from "../domain/errors.ts";
import { publishCategoryChanged } from "../events/publish.ts";
import { findCategory, insertCategory, type CategoryFields, type CategoryRow } from "../repo/categories.ts";
import { categoryWriteError } from "./category-errors.ts";
import type { Deps } from "./deps.ts";
import { afterCommit, transaction } from "@shop/kit/transaction";

export async function createCategory(d: Deps, input: CategoryFields): Promise<CategoryRow> {
  const row = await transaction(d.db, async (tx) => {
    if (input.parentId && !(await findCategory(tx, input.parentId))) throw parentCategoryNotFound();
    const created = await insertCategory(tx, { ...input, id: v7() }).catch(categoryWriteError);
    await publishCategoryChanged(tx, created.id, "created");
    return created;
  });
  await afterCommit(d.db, () => d.cache.categoriesChanged());
  return row;
}
