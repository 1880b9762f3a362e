// The discount arithmetic, pure: which lines a coupon covers, what it takes off them, and how that
// is spread over them. Money is integer minor units; products of two amounts go through BigInt,
// since they pass 2^53 long before any one amount does.
import type { Terms } from "./template.ts";

/** An order line as the order service priced it. */
export interface Line {
  skuId: string;
  productId: string;
  categoryId: string;
  subtotalMinor: number;
}

export type NotApplicable = "CURRENCY_MISMATCH" | "NOT_YET_VALID" | "NOT_IN_SCOPE" | "MIN_SPEND_NOT_MET";

export interface Allocation {
  skuId: string;
  discountMinor: number;
}

export type Judgement =
  { applicable: true; discountMinor: number; allocations: Allocation[] } | { applicable: false; reason: NotApplicable; discountMinor: 0; allocations: [] };

const notApplicable = (reason: NotApplicable): Judgement => ({ applicable: false, reason, discountMinor: 0, allocations: [] });

/**
 * Whether the line is in the coupon's scope. `coveredCategories`: the template's categories and
 * every category below them (categories.ts), for a CATEGORIES scope.
 */
export function inScope(terms: Pick<Terms, "scope" | "productIds">, coveredCategories: ReadonlySet<string>, line: Line): boolean {
  if (terms.scope === "ALL") return true;
  if (terms.scope === "PRODUCTS") return terms.productIds.includes(line.productId);
  return coveredCategories.has(line.categoryId);
}

/** What the coupon takes off `base` (the lines in scope), never more than `base`. Percent off rounds down. */
export function discountOf(terms: Pick<Terms, "kind" | "amountOffMinor" | "percentOff" | "maxDiscountMinor">, base: number): number {
  let off: number;
  if (terms.kind === "PERCENT_OFF") {
    off = Number((BigInt(base) * BigInt(terms.percentOff)) / 100n);
    if (terms.maxDiscountMinor > 0) off = Math.min(off, terms.maxDiscountMinor);
  } else {
    off = terms.amountOffMinor;
  }
  return Math.max(0, Math.min(off, base));
}

/**
 * Spreads `discount` over the lines in proportion to their subtotals, by largest remainder: each
 * gets the floor of its exact share, and the minor units left go one each to the largest
 * remainders (the earlier line on a tie), so the shares add up to the discount exactly.
 */
export function allocate(discount: number, lines: readonly { skuId: string; subtotalMinor: number }[]): Allocation[] {
  const total = lines.reduce((sum, l) => sum + BigInt(l.subtotalMinor), 0n);
  if (total === 0n) return lines.map((l) => ({ skuId: l.skuId, discountMinor: 0 }));
  const d = BigInt(discount);
  const shares = lines.map((l, i) => {
    const exact = d * BigInt(l.subtotalMinor);
    return { i, floor: exact / total, remainder: exact % total };
  });
  let left = d - shares.reduce((sum, s) => sum + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const s of byRemainder) {
    if (left === 0n) break;
    s.floor += 1n;
    left -= 1n;
  }
  return lines.map((l, i) => ({ skuId: l.skuId, discountMinor: Number(shares[i]!.floor) }));
}

/**
 * The coupon judged against the lines at `now`: the first rule it fails, or its discount and how
 * it is spread over the lines in scope (the only lines named in the allocations). The minimum
 * spend is on the lines in scope.
 */
export function judge(terms: Terms, currency: string, lines: readonly Line[], coveredCategories: ReadonlySet<string>, now: Date): Judgement {
  if (terms.currency !== currency) return notApplicable("CURRENCY_MISMATCH");
  if (now < terms.validFrom) return notApplicable("NOT_YET_VALID");
  const covered = lines.filter((l) => inScope(terms, coveredCategories, l));
  const base = covered.reduce((sum, l) => sum + l.subtotalMinor, 0);
  if (!covered.length || base <= 0) return notApplicable("NOT_IN_SCOPE");
  if (base < terms.minSpendMinor) return notApplicable("MIN_SPEND_NOT_MET");
  const discountMinor = discountOf(terms, base);
  return { applicable: true, discountMinor, allocations: allocate(discountMinor, covered) };
}

/**
 * Options in the order a shopper should see them: applicable first, largest discount first, then
 * the one expiring sooner (use it before it is gone), then by id (a stable order).
 */
export function rank<T extends { id: string; validUntil: Date; judgement: Judgement }>(options: readonly T[]): T[] {
  return [...options].sort(
    (a, b) =>
      Number(b.judgement.applicable) - Number(a.judgement.applicable) ||
      b.judgement.discountMinor - a.judgement.discountMinor ||
      a.validUntil.getTime() - b.validUntil.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The best option: the first ranked one, when it applies and takes something off; else undefined. */
export function best<T extends { judgement: Judgement }>(ranked: readonly T[]): T | undefined {
  const first = ranked[0];
  return first?.judgement.applicable && first.judgement.discountMinor > 0 ? first : undefined;
}
