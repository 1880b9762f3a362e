// A cart as the shopper reads it: each stored line with its SKU's facts now (title, image, specs,
// price), whether its price changed since it was added, how many are available, what keeps it from
// checkout, and the totals of the selected lines that can be checked out, one per currency.
import type { Lookup, SkuFacts } from "../clients/catalog.ts";
import type { StoredCart, StoredLine } from "../store/port.ts";

export type LineProblem = "none" | "insufficient_stock" | "out_of_stock" | "unavailable";

export interface LineView extends StoredLine {
  sku?: SkuFacts;
  unitPriceMinor: number;
  priceChanged: boolean;
  available?: number;
  problem: LineProblem;
}

export interface Total {
  currency: string;
  quantity: number;
  subtotalMinor: number;
}

export interface CartView {
  cartToken: string;
  lines: LineView[];
  totals: Total[];
  updatedAt: Date;
}

function problemOf(line: StoredLine, sku: SkuFacts | undefined, available: number | undefined): LineProblem {
  if (!sku?.onSale) return "unavailable";
  if (available === undefined) return "none";
  if (available <= 0) return "out_of_stock";
  return available < line.quantity ? "insufficient_stock" : "none";
}

export function viewCart(cart: StoredCart, lookup: Lookup, cartToken = ""): CartView {
  const lines = cart.lines.map((line): LineView => {
    const sku = lookup.skus.get(line.skuId);
    const available = lookup.available && (lookup.available.get(line.skuId) ?? 0);
    const unitPriceMinor = sku?.priceMinor ?? line.addedPriceMinor;
    return { ...line, sku, unitPriceMinor, priceChanged: unitPriceMinor !== line.addedPriceMinor, available, problem: problemOf(line, sku, available) };
  });
  const totals = new Map<string, Total>();
  for (const line of lines) {
    if (!line.selected || line.problem !== "none") continue;
    const currency = line.sku!.currency;
    const total = totals.get(currency) ?? { currency, quantity: 0, subtotalMinor: 0 };
    total.quantity += line.quantity;
    total.subtotalMinor += line.quantity * line.unitPriceMinor;
    totals.set(currency, total);
  }
  return { cartToken, lines, totals: [...totals.values()], updatedAt: cart.updatedAt };
}
