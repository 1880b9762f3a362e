// Picking a SKU by its spec values (e.g. colour × size): one group of choices per spec key. A choice
// keeps the other picked values when a SKU has them all, else takes the first SKU with that value.
import type { Sku } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { useId } from "react";

const specOf = (sku: Sku, key: string) => sku.specs.find((s) => s.key === key)?.value;

export function specKeys(skus: Sku[]): string[] {
  return [...new Set(skus.flatMap((s) => s.specs.map((a) => a.key)))];
}

/** The SKU to show first: the first that can be bought (or whose stock is unknown), else the first. */
export function firstSku(skus: Sku[]): Sku | undefined {
  return skus.find((s) => s.available === undefined || s.available > 0) ?? skus[0];
}

export function SkuPicker({ skus, picked, onPick }: { skus: Sku[]; picked: Sku; onPick: (sku: Sku) => void }) {
  const id = useId();
  const keys = specKeys(skus);
  const choose = (key: string, value: string) => {
    const same = (s: Sku) => keys.every((k) => (k === key ? specOf(s, k) === value : specOf(s, k) === specOf(picked, k)));
    const sku = skus.find(same) ?? skus.find((s) => specOf(s, key) === value);
    if (sku) onPick(sku);
  };
  return (
    <div className="sku-picker">
      {keys.map((key, ki) => {
        const values = [...new Set(skus.map((s) => specOf(s, key)).filter((v): v is string => v !== undefined))];
        return (
          <fieldset key={key}>
            <legend>{key}</legend>
            <div className="row">
              {values.map((value, vi) => {
                const inputId = `${id}-${ki}-${vi}`;
                // Sold out in every SKU that has this value: still pickable (to see it), marked.
                const soldOut = skus.filter((s) => specOf(s, key) === value).every((s) => s.available === 0);
                return (
                  <span key={value} className={soldOut ? "choice sold-out" : "choice"}>
                    <input type="radio" id={inputId} name={`${id}-${ki}`} checked={specOf(picked, key) === value} onChange={() => choose(key, value)} />
                    <label htmlFor={inputId}>{value}</label>
                  </span>
                );
              })}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
