// Pricing a checkout: the lines at the catalog's prices, the shipping fee rule and the totals, in
// minor units of the order's one currency. Pure: the use case fetches what it needs.
import { lineUnavailable, mixedCurrencies, nothingSelected } from "./errors.ts";

export interface Spec {
  key: string;
  value: string;
}

/** A SKU as the catalog describes it now (product service BatchGetSkus). */
export interface CatalogSku {
  skuId: string;
  productId: string;
  title: string;
  image: string;
  specs: Spec[];
  priceMinor: number;
  currency: string;
  onSale: boolean;
}

export interface PricedLine {
  skuId: string;
  productId: string;
  title: string;
  image: string;
  specs: Spec[];
  unitPriceMinor: number;
  quantity: number;
  subtotalMinor: number;
  discountMinor: number;
}

export interface Quote {
  lines: PricedLine[];
  currency: string;
  subtotalMinor: number;
  shippingFeeMinor: number;
  discountMinor: number;
  totalMinor: number;
}

export interface ShippingRule {
  feeMinor: number;
  /** 0: never free. */
  freeFromMinor: number;
}

export function shippingFee(subtotalMinor: number, rule: ShippingRule): number {
  return rule.freeFromMinor > 0 && subtotalMinor >= rule.freeFromMinor ? 0 : rule.feeMinor;
}

/** Prices `selected` (SKU and quantity, as the cart holds them) from `catalog`; refuses what cannot be bought. */
export function priceLines(selected: { skuId: string; quantity: number }[], catalog: Map<string, CatalogSku>, rule: ShippingRule): Quote {
  if (selected.length === 0) throw nothingSelected();
  const lines = selected.map(({ skuId, quantity }): PricedLine => {
    const sku = catalog.get(skuId);
    if (!sku?.onSale) throw lineUnavailable(skuId);
    const { productId, title, image, specs, priceMinor } = sku;
    return { skuId, productId, title, image, specs, unitPriceMinor: priceMinor, quantity, subtotalMinor: priceMinor * quantity, discountMinor: 0 };
  });
  const currencies = [...new Set(selected.map((l) => catalog.get(l.skuId)!.currency))];
  if (currencies.length > 1) throw mixedCurrencies(currencies);
  const subtotalMinor = lines.reduce((sum, l) => sum + l.subtotalMinor, 0);
  const shippingFeeMinor = shippingFee(subtotalMinor, rule);
  // Without a discount: a coupon's comes on top (domain/coupons.ts), from the quote or the saga's lock.
  return { lines, currency: currencies[0]!, subtotalMinor, shippingFeeMinor, discountMinor: 0, totalMinor: subtotalMinor + shippingFeeMinor };
}
