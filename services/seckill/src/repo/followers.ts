// Who follows which sale, and whether they were told it is about to start.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import { sales } from "./sales.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const saleFollowers = pgTable(
  "sale_followers",
  {
    saleId: uuid("sale_id").notNull(),
    userId: uuid("user_id").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    notifiedAt: ts("notified_at"),
  },
  (f) => [primaryKey({ columns: [f.saleId, f.userId] })],
);

const f = saleFollowers;

export async function follow(ex: Executor, saleId: string, userId: string): Promise<void> {
  await ex.insert(f).values({ saleId, userId }).onConflictDoNothing();
}

export async function unfollow(ex: Executor, saleId: string, userId: string): Promise<void> {
  await ex.delete(f).where(and(eq(f.saleId, saleId), eq(f.userId, userId)));
}

export interface DueFollower {
  saleId: string;
  userId: string;
  skuId: string;
  title: string;
  startsAt: Date;
}

/** Followers not yet told of a sale not ended that starts within `withinSeconds`; rows locked, others' skipped. */
export async function dueFollowers(ex: Executor, withinSeconds: number, limit: number): Promise<DueFollower[]> {
  return ex
    .select({ saleId: f.saleId, userId: f.userId, skuId: sales.skuId, title: sales.title, startsAt: sales.startsAt })
    .from(f)
    .innerJoin(sales, eq(sales.id, f.saleId))
    .where(
      and(
        isNull(f.notifiedAt),
        isNull(sales.endedAt),
        sql`${sales.startsAt} > now()`,
        sql`${sales.startsAt} <= now() + make_interval(secs => ${withinSeconds})`,
      ),
    )
    .limit(limit)
    .for("update", { of: f, skipLocked: true });
}

export async function markNotified(ex: Executor, saleId: string, userIds: string[]): Promise<void> {
  await ex
    .update(f)
    .set({ notifiedAt: sql`now()` })
    .where(and(eq(f.saleId, saleId), inArray(f.userId, userIds)));
}
