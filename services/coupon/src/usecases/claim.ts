// ClaimCoupon: never more claimed than the total nor than the per-user limit, whatever the
// concurrency. In one transaction: the shopper's count goes up first (an upsert that locks their
// row and refuses to pass the limit), then the template's (a conditional UPDATE that locks the
// template's row and refuses to pass the total or leave the window). Every claimer takes the two
// locks in that order, so they queue instead of deadlocking; a refusal rolls both back.
import { transaction } from "@shop/kit/transaction";
import { v7 } from "uuid";
import { couponLimitReached, couponNotActive, couponSoldOut, templateNotFound } from "../domain/errors.ts";
import { statusAt } from "../domain/template.ts";
import { countClaim, insertCoupon, type Coupon } from "../repo/claims.ts";
import { findTemplate, takeOne, type TemplateRow } from "../repo/templates.ts";
import type { Deps } from "./deps.ts";

/** Why a template gives no coupon now: not found, not active, or none left. */
function refusal(id: string, template: TemplateRow | undefined): Error {
  if (!template) return templateNotFound(id);
  const status = statusAt(template, new Date());
  if (status !== "ACTIVE") return couponNotActive(id, status);
  return couponSoldOut(id);
}

export async function claimCoupon(d: Deps, userId: string, templateId: string): Promise<Coupon> {
  // A cheap look first: a template that cannot give one is refused without a transaction.
  const template = await findTemplate(d.db, templateId);
  if (!template || statusAt(template, new Date()) !== "ACTIVE" || template.claimedCount >= template.totalQuantity) {
    throw refusal(templateId, template);
  }
  return transaction(d.db, async (tx) => {
    const seq = await countClaim(tx, templateId, userId, template.perUserLimit);
    if (seq === undefined) throw couponLimitReached(templateId, template.perUserLimit);
    const taken = await takeOne(tx, templateId);
    if (!taken) throw refusal(templateId, await findTemplate(tx, templateId));
    const coupon = await insertCoupon(tx, { id: v7(), templateId, userId, seq });
    return { ...coupon, template: taken };
  });
}
