// GetCategoryTree: every category, nested; cached as one entry.
import { keys } from "../cache.ts";
import { buildTree, type CategoryNode } from "../domain/category-tree.ts";
import { listCategories, type CategoryRow } from "../repo/categories.ts";
import type { Deps } from "./deps.ts";

export async function getCategoryTree(d: Deps): Promise<CategoryNode<CategoryRow>[]> {
  return buildTree(await d.cache.categories.get(keys.categories, () => listCategories(d.db)));
}
