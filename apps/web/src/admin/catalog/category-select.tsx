// A labelled select of every category, indented by depth (the tree flattened).
import { rpcQuery } from "../../api/query.ts";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { CatalogService } from "@shop/contracts/shop/product/v1/catalog_pb.ts";
import type { Category } from "@shop/contracts/shop/product/v1/product_pb.ts";

export function flatten(nodes: Category[], depth = 0): { category: Category; depth: number }[] {
  return nodes.flatMap((category) => [{ category, depth }, ...flatten(category.children, depth + 1)]);
}

interface Props {
  label: string;
  value: string;
  onChange: (id: string) => void;
  /** The text of the "" option (none, every category). */
  emptyLabel: string;
  required?: boolean;
}

export function CategorySelect({ label, value, onChange, emptyLabel, required }: Props) {
  const id = useId();
  const tree = useQuery(rpcQuery(CatalogService.method.getCategoryTree, {}, { fresh: true }));
  const rows = flatten(tree.data?.categories ?? []);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required} aria-busy={tree.isPending}>
        <option value="">{emptyLabel}</option>
        {rows.map(({ category, depth }) => (
          <option key={category.id} value={category.id}>
            {`${"\u00a0\u00a0".repeat(depth)}${category.name}`}
          </option>
        ))}
      </select>
    </div>
  );
}
