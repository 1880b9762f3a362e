// QuoteOrder: the shopper's selected cart lines, priced from the catalog (never from the client),
// with the shopper's coupons judged by the coupon service: the one asked for, else the best one
// (unless without_coupon). Promotions being down never fails a quote: it answers without coupons.
import { applyShares, couponLines, type CouponOption } from "../domain/coupons.ts";
import { couponNotApplicable } from "../domain/errors.ts";
import { priceLines, type Quote } from "../domain/pricing.ts";
import type { Deps } from "./deps.ts";

export interface CouponQuote extends Quote {
  coupons: CouponOption[];
  bestUserCouponId: string;
  appliedUserCouponId: string;
}

export interface QuoteInput {
  /** Price with this coupon (COUPON_NOT_APPLICABLE when it does not apply); "" for the best. */
  userCouponId: string;
  withoutCoupon: boolean;
}

/** The selected lines at the catalog's prices, without any discount (PlaceOrder's starting point). */
export async function priceSelection(d: Deps, userId: string): Promise<Quote> {
  const selected = await d.cart.selectedLines(userId);
  const catalog = await d.catalog.skus(selected.map((l) => l.skuId));
  return priceLines(selected, catalog, d.shipping);
}

export async function quoteOrder(d: Deps, userId: string, input: QuoteInput): Promise<CouponQuote> {
  const quote = await priceSelection(d, userId);
  const evaluated = await evaluate(d, userId, quote);
  if (!evaluated) return { ...quote, coupons: [], bestUserCouponId: "", appliedUserCouponId: "" };
  const { options, bestUserCouponId } = evaluated;
  const chosenId = input.userCouponId || (input.withoutCoupon ? "" : bestUserCouponId);
  const chosen = options.find((o) => o.userCouponId === chosenId);
  if (input.userCouponId && !chosen?.applicable) throw couponNotApplicable(input.userCouponId, chosen?.reason || "NOT_AVAILABLE");
  const priced = chosen?.applicable ? applyShares(quote, chosen.shares) : quote;
  return { ...priced, coupons: options, bestUserCouponId, appliedUserCouponId: chosen?.applicable ? chosen.userCouponId : "" };
}

/** The coupon service's judgement, or undefined (with a warning) when it cannot be had now. */
async function evaluate(d: Deps, userId: string, quote: Quote) {
  try {
    const categories = await d.catalog.categories(quote.lines.map((l) => l.productId));
    return await d.coupons.evaluate(userId, quote.currency, couponLines(quote.lines, categories));
  } catch (err) {
    d.logger.warn({ err, userId }, "quoting without coupons: the coupon service could not judge them");
    return undefined;
  }
}
