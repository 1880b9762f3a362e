// EvaluateCoupons: every AVAILABLE, unexpired coupon of the user judged against the order's lines
// (domain/discount.ts), applicable ones first, largest discount first.
import { covered } from "../domain/categories.ts";
import { best, judge, rank, type Judgement, type Line } from "../domain/discount.ts";
import type { Terms } from "../domain/template.ts";
import { usableCoupons, type Coupon } from "../repo/claims.ts";
import type { TemplateRow } from "../repo/templates.ts";
import type { Deps } from "./deps.ts";

export interface CouponOption {
  coupon: Coupon;
  judgement: Judgement;
}

export interface Evaluation {
  options: CouponOption[];
  /** The applicable coupon taking the most off; undefined when none applies. */
  best?: CouponOption;
}

export const termsOf = (t: TemplateRow): Terms => t;

/**
 * A judge of templates against `lines`: asks the product service for the category tree only when
 * some template has a CATEGORIES scope (the tree is kept briefly by the client).
 */
export async function judgeFor(d: Deps, templates: readonly TemplateRow[], currency: string, lines: readonly Line[]): Promise<(t: TemplateRow) => Judgement> {
  const tree = templates.some((t) => t.scope === "CATEGORIES") ? await d.catalog.categoryTree() : [];
  const now = new Date();
  return (t) => judge(termsOf(t), currency, lines, t.scope === "CATEGORIES" ? covered(tree, t.categoryIds) : new Set(), now);
}

export async function evaluateCoupons(d: Deps, userId: string, currency: string, lines: readonly Line[]): Promise<Evaluation> {
  const coupons = await usableCoupons(d.db, userId);
  const judgeOne = await judgeFor(
    d,
    coupons.map((c) => c.template),
    currency,
    lines,
  );
  const ranked = rank(coupons.map((coupon) => ({ id: coupon.id, validUntil: coupon.template.validUntil, coupon, judgement: judgeOne(coupon.template) })));
  const options = ranked.map(({ coupon, judgement }) => ({ coupon, judgement }));
  const top = best(ranked);
  return { options, best: top && { coupon: top.coupon, judgement: top.judgement } };
}
