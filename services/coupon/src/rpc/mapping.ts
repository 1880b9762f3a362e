// Rows <-> proto messages, and the signed-in caller the kit's interceptors put in the context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { couponv1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import type { Judgement, Line } from "../domain/discount.ts";
import { invalidLine } from "../domain/errors.ts";
import { statusAt, type Kind, type NewTemplate, type Scope, type TemplateStatus } from "../domain/template.ts";
import type { Coupon, MyStatus } from "../repo/claims.ts";
import type { TemplateRow } from "../repo/templates.ts";
import type { CouponOption } from "../usecases/evaluate.ts";
import type { CouponLock } from "../usecases/locks.ts";
import type { Claimable } from "../usecases/mine.ts";

const ts = (d: Date | null | undefined) => (d ? timestampFromDate(d) : undefined);
const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : new Date(0));

/** The signed-in caller's user id; only called from RPCs declared ACCESS_USER or ACCESS_ADMIN. */
export function callerOf(ctx: HandlerContext): string {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal.userId;
}

/** The template as admins see it (`forAdmin`, with its counts) or as shoppers do (counts 0). */
export function toTemplate(t: TemplateRow, forAdmin: boolean): MessageInitShape<typeof couponv1.CouponTemplateSchema> {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    kind: couponv1.CouponKind[t.kind],
    currency: t.currency,
    amountOffMinor: BigInt(t.amountOffMinor),
    percentOff: t.percentOff,
    maxDiscountMinor: BigInt(t.maxDiscountMinor),
    minSpendMinor: BigInt(t.minSpendMinor),
    validFrom: ts(t.validFrom),
    validUntil: ts(t.validUntil),
    totalQuantity: t.totalQuantity,
    perUserLimit: t.perUserLimit,
    scope: couponv1.CouponScope[t.scope],
    categoryIds: t.categoryIds,
    productIds: t.productIds,
    status: couponv1.TemplateStatus[statusAt(t, new Date())],
    claimedCount: forAdmin ? t.claimedCount : 0,
    usedCount: forAdmin ? t.usedCount : 0,
    createdAt: ts(t.createdAt),
    endedAt: ts(t.endedAt),
  };
}

/** EXPIRED is derived: an AVAILABLE coupon past its template's valid_until. */
export function myStatusOf(c: Coupon, now = new Date()): MyStatus {
  return c.status === "AVAILABLE" && c.template.validUntil <= now ? "EXPIRED" : c.status;
}

export function toUserCoupon(c: Coupon): MessageInitShape<typeof couponv1.UserCouponSchema> {
  return {
    id: c.id,
    userId: c.userId,
    status: couponv1.UserCouponStatus[myStatusOf(c)],
    template: toTemplate(c.template, false),
    orderId: c.orderId ?? "",
    claimedAt: ts(c.claimedAt),
    usedAt: ts(c.usedAt),
    expiresAt: ts(c.template.validUntil),
  };
}

export function toClaimable(c: Claimable): MessageInitShape<typeof couponv1.ClaimableCouponSchema> {
  return { template: toTemplate(c.template, false), claimedByMe: c.claimedByMe, leftForMe: c.leftForMe };
}

const toAllocations = (j: { allocations: readonly { skuId: string; discountMinor: number }[] }) =>
  j.allocations.map((a) => ({ skuId: a.skuId, discountMinor: BigInt(a.discountMinor) }));

export function toOption({ coupon, judgement: j }: { coupon: Coupon; judgement: Judgement }): MessageInitShape<typeof couponv1.CouponOptionSchema> {
  return {
    coupon: toUserCoupon(coupon),
    applicable: j.applicable,
    reason: j.applicable ? "" : j.reason,
    discountMinor: BigInt(j.discountMinor),
    allocations: toAllocations(j),
  };
}

export const toOptions = (options: CouponOption[]) => options.map(toOption);

export function toLock(l: CouponLock): MessageInitShape<typeof couponv1.CouponLockSchema> {
  return { userCouponId: l.userCouponId, orderId: l.orderId, discountMinor: BigInt(l.discountMinor), allocations: toAllocations(l) };
}

/** The order's priced lines; a negative subtotal (which no order has) is INVALID_INPUT. */
export function toLines(lines: couponv1.PricedLine[]): Line[] {
  return lines.map((l, i) => {
    if (l.subtotalMinor < 0n || l.subtotalMinor > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidLine(i, "must be between 0 and 2^53 - 1");
    return { skuId: l.skuId, productId: l.productId, categoryId: l.categoryId, subtotalMinor: Number(l.subtotalMinor) };
  });
}

export function fromCreate(req: couponv1.CreateCouponTemplateRequest): NewTemplate {
  return {
    name: req.name,
    description: req.description,
    kind: couponv1.CouponKind[req.kind] as Kind,
    currency: req.currency,
    amountOffMinor: Number(req.amountOffMinor),
    percentOff: req.percentOff,
    maxDiscountMinor: Number(req.maxDiscountMinor),
    minSpendMinor: Number(req.minSpendMinor),
    validFrom: date(req.validFrom),
    validUntil: date(req.validUntil),
    totalQuantity: req.totalQuantity,
    perUserLimit: req.perUserLimit,
    scope: couponv1.CouponScope[req.scope] as Scope,
    categoryIds: req.categoryIds,
    productIds: req.productIds,
  };
}

export function templateStatusFilter(s: couponv1.TemplateStatus): TemplateStatus | undefined {
  return s === couponv1.TemplateStatus.UNSPECIFIED ? undefined : (couponv1.TemplateStatus[s] as TemplateStatus);
}

export function myStatusFilter(s: couponv1.UserCouponStatus): MyStatus | undefined {
  return s === couponv1.UserCouponStatus.UNSPECIFIED ? undefined : (couponv1.UserCouponStatus[s] as MyStatus);
}
