// Counted attempts per scope and key (failed logins per account and per IP, registrations per IP),
// in PostgreSQL so every instance counts the same attempts. Times are the database's now(), so
// instances with skewed clocks still agree.
import { and, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import { bigint, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "@shop/kit/db";

export type FailureScope = "account" | "ip" | "register";

export const loginFailures = pgTable("login_failures", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  scope: text("scope").$type<FailureScope>().notNull(),
  key: text("key").notNull(),
  failedAt: timestamp("failed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

const windowStart = (windowSeconds: number) => sql`now() - make_interval(secs => ${windowSeconds})`;
// The first key of the two-key advisory locks the throttle takes: keeps them apart from others.
const throttleLockClass = 7401;

/** Serializes the throttle decisions on one key until the transaction ends. */
export async function lockThrottleKey(tx: Tx, scope: FailureScope, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${throttleLockClass}, hashtext(${`${scope}:${key}`}))`);
}

/** Records one attempt; its id lets a successful attempt take it back. */
export async function recordFailure(ex: Executor, scope: FailureScope, key: string): Promise<number> {
  const [row] = await ex.insert(loginFailures).values({ scope, key }).returning({ id: loginFailures.id });
  return row!.id;
}

export async function deleteFailures(ex: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length) await ex.delete(loginFailures).where(inArray(loginFailures.id, [...ids]));
}

/** Age in seconds of the limit-th newest attempt inside the window, or undefined when there are fewer. */
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

/** Drops attempts that can no longer count (each scope has its window), so the table stays bounded. */
export async function pruneFailures(ex: Executor, windows: Record<FailureScope, number>): Promise<void> {
  const expired = (Object.entries(windows) as [FailureScope, number][]).map(([scope, seconds]) =>
    and(eq(loginFailures.scope, scope), lt(loginFailures.failedAt, windowStart(seconds))),
  );
  await ex.delete(loginFailures).where(or(...expired));
}
