// A CATEGORIES scope covers the listed categories and every category below them.

export interface CategoryNode {
  id: string;
  children: readonly CategoryNode[];
}

/** Every id in the tree. */
export function allIds(roots: readonly CategoryNode[]): Set<string> {
  const ids = new Set<string>();
  const walk = (n: CategoryNode) => {
    ids.add(n.id);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return ids;
}

/** `chosen` and every category below any of them; a chosen id missing from the tree still covers itself. */
export function covered(roots: readonly CategoryNode[], chosen: readonly string[]): Set<string> {
  const out = new Set(chosen);
  const walk = (n: CategoryNode, inside: boolean) => {
    const here = inside || out.has(n.id);
    if (here) out.add(n.id);
    for (const c of n.children) walk(c, here);
  };
  roots.forEach((r) => walk(r, false));
  return out;
}
