// The category tree, read once and cached: the home page, the filters and a category's page share it.
import { CatalogService } from "@shop/contracts/shop/product/v1/catalog_pb.ts";
import type { Category } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { rpcQuery } from "../../api/query.ts";

export function useCategoryTree() {
  return useQuery({ ...rpcQuery(CatalogService.method.getCategoryTree, {}), staleTime: 5 * 60_000 });
}

/** Every category with its depth, in the tree's order (for a select). */
export function flatten(tree: Category[], depth = 0): { category: Category; depth: number }[] {
  return tree.flatMap((category) => [{ category, depth }, ...flatten(category.children, depth + 1)]);
}
