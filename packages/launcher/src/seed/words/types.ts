// The shape of the demo catalog's word lists: a category tree whose leaves name their products.

export type Lang = "zh" | "en";
export type Pair = readonly [zh: string, en: string];

/** A spec a SKU varies by (colour, size, ...), with the price factor of each value. */
export interface Axis {
  key: Pair;
  values: readonly (readonly [value: Pair, priceFactor: number])[];
}

export interface Leaf {
  name: Pair;
  /** Spec axes: the first gives 2-3 values, the second 1-2 (so 2 to 6 SKUs a product). */
  axes: readonly AxisName[];
  /** Price range of the cheapest SKU, in yuan. */
  price: readonly [min: number, max: number];
  /** "Brand|product name" (the title is both), or a bare name with `brands` giving the brand. */
  items: { readonly zh: readonly string[]; readonly en: readonly string[] };
  /** Brands of bare-named items (fresh food is sold under the shop's brands, not in the title). */
  brands?: { readonly zh: readonly string[]; readonly en: readonly string[] };
}

export interface TopCategory {
  name: Pair;
  /** One product attribute every product of the category has (warranty, material, origin, ...). */
  attribute: { key: Pair; values: readonly Pair[] };
  leaves: readonly Leaf[];
}

export type AxisName =
  "colour" | "storage" | "config" | "screen" | "size" | "shoeSize" | "caseSize" | "capacity" | "volume" | "pack" | "flavour" | "bedSize" | "diameter" | "shade";
