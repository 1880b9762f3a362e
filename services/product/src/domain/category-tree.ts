// The category tree from its flat rows, and the rule that keeps it a tree.
import { categoryCycle } from "./errors.ts";

export interface CategoryNode<R extends { id: string; parentId: string | null }> {
  row: R;
  children: CategoryNode<R>[];
}

/** Nests rows under their parents, keeping the rows' order among siblings. */
export function buildTree<R extends { id: string; parentId: string | null }>(rows: R[]): CategoryNode<R>[] {
  const nodes = new Map(rows.map((row) => [row.id, { row, children: [] as CategoryNode<R>[] }]));
  const roots: CategoryNode<R>[] = [];
  for (const node of nodes.values()) {
    const parent = node.row.parentId ? nodes.get(node.row.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/**
 * Throws when moving `categoryId` under a parent whose chain of ancestors (the parent first, up to
 * the root) contains it: the category would become its own ancestor.
 */
export function checkNoCycle(categoryId: string, newParentChain: string[]): void {
  if (newParentChain.includes(categoryId)) throw categoryCycle();
}
