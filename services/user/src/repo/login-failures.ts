// Failed logins per scope and key, in PostgreSQL so every instance counts the same failures.
// Times are the database's now(), so instances with skewed clocks still agree.
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { bigint, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export type FailureScope = "account" | "ip";

export const loginFailures = pgTable("login_failures", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  scope: text("scope").$type<FailureScope>().notNull(),
  key: text("key").notNull(),
  failedAt: timestamp("failed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

const windowStart = (windowSeconds: number) => sql`now() - make_interval(secs => ${windowSeconds})`;

export async function recordFailure(ex: Executor, scope: FailureScope, key: string): Promise<void> {
  await ex.insert(loginFailures).values({ scope, key });
}

/** Age in seconds of the limit-th newest failure inside the window, or undefined when there are fewer. */
export async function limitThFailureAge(ex: Executor, scope: FailureScope, key: string, limit: number, windowSeconds: number): Promise<number | undefined> {
  const rows = await ex
    .select({ age: sql<string>`extract(epoch from now() - ${loginFailures.failedAt})` })
    .from(loginFailures)
    .where(and(eq(loginFailures.scope, scope), eq(loginFailures.key, key), gt(loginFailures.failedAt, windowStart(windowSeconds))))
    .orderBy(sql`${loginFailures.failedAt} desc`)
    .offset(limit - 1)
    .limit(1);
  return rows[0] ? Number(rows[0].age) : undefined;
}

export async function clearFailures(ex: Executor, scope: FailureScope, key: string): Promise<void> {
  await ex.delete(loginFailures).where(and(eq(loginFailures.scope, scope), eq(loginFailures.key, key)));
}

/** Drops failures that can no longer count, so the table stays bounded. */
export async function pruneFailures(ex: Executor, windowSeconds: number): Promise<void> {
  await ex.delete(loginFailures).where(lt(loginFailures.failedAt, windowStart(windowSeconds)));
}
