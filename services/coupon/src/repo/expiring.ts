// Unused coupons ending soon whose shoppers were not told yet.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "@shop/kit/db";
import { userCoupons } from "./claims.ts";
import { couponTemplates } from "./templates.ts";

const c = userCoupons;
const t = couponTemplates;

export interface Expiring {
  userCouponId: string;
  userId: string;
  templateId: string;
  name: string;
  validUntil: Date;
}

/** AVAILABLE coupons whose template ends within `withinSeconds`, not told yet; rows locked, others' skipped. */
export async function dueExpiring(ex: Executor, withinSeconds: number, limit: number): Promise<Expiring[]> {
  return ex
    .select({ userCouponId: c.id, userId: c.userId, templateId: c.templateId, name: t.name, validUntil: t.validUntil })
    .from(c)
    .innerJoin(t, eq(t.id, c.templateId))
    .where(
      and(
        eq(c.status, "AVAILABLE"),
        isNull(c.expiryNotifiedAt),
        sql`${t.validUntil} > now()`,
        sql`${t.validUntil} <= now() + make_interval(secs => ${withinSeconds})`,
      ),
    )
    .limit(limit)
    .for("update", { of: c, skipLocked: true });
}

export async function markExpiryNotified(ex: Executor, ids: string[]): Promise<void> {
  if (ids.length)
    await ex
      .update(c)
      .set({ expiryNotifiedAt: sql`now()` })
      .where(inArray(c.id, ids));
}
