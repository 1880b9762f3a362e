// A coupon's discount on a priced checkout. The coupon service decides the discount and spreads it
// over the lines; here it is only applied, bounded so that no line (and so no order) goes below 0.
import type { PricedLine, Quote } from "./pricing.ts";

/** A line as the coupon service judges it: its product and category decide the coupon's scope. */
export interface CouponLine {
  skuId: string;
  productId: string;
  categoryId: string;
  subtotalMinor: number;
}

/** Each line's share of a discount, by SKU (a checkout has one line per SKU). */
export type LineShares = Map<string, number>;

/** One of the shopper's coupons judged against the lines. */
export interface CouponOption {
  userCouponId: string;
  name: string;
  applicable: boolean;
  /** Why not, when not applicable (CURRENCY_MISMATCH, NOT_IN_SCOPE, …). */
  reason: string;
  discountMinor: number;
  shares: LineShares;
}

/** The lines the coupon service is asked about, with each product's category. */
export function couponLines(lines: PricedLine[], categories: Map<string, string>): CouponLine[] {
  return lines.map((l) => ({ skuId: l.skuId, productId: l.productId, categoryId: categories.get(l.productId) ?? "", subtotalMinor: l.subtotalMinor }));
}

/** Lines with their shares of the discount, each at most the line's subtotal. */
export function discountLines(lines: PricedLine[], shares: LineShares): PricedLine[] {
  return lines.map((l) => ({ ...l, discountMinor: Math.min(l.subtotalMinor, Math.max(0, Math.trunc(shares.get(l.skuId) ?? 0))) }));
}

/** The quote with the discount: the sum of the lines' shares, never more than the goods cost. */
export function applyShares(quote: Quote, shares: LineShares): Quote {
  const lines = discountLines(quote.lines, shares);
  const discountMinor = lines.reduce((sum, l) => sum + l.discountMinor, 0);
  return { ...quote, lines, discountMinor, totalMinor: quote.subtotalMinor + quote.shippingFeeMinor - discountMinor };
}
