// Reserving an attempt against one or more budgets, as one step: for each budget in a fixed order,
// lock its key, count what the window holds and record this attempt, all in one transaction. So
// of many attempts sent at the same moment exactly `limit` get through, and only those go on to the
// costly part (argon2). A reserved attempt counts as a failure until the caller takes it back.
import type { AppError } from "@shop/kit/errors";
import type { Db } from "@shop/kit/db";
import { retryAfterSeconds } from "../domain/throttle.ts";
import { limitThFailureAge, lockThrottleKey, recordFailure, type FailureScope } from "../repo/login-failures.ts";

export interface Budget<S extends FailureScope> {
  scope: S;
  key: string;
  limit: number;
  windowSeconds: number;
}

/** Returns the recorded attempts' ids in budget order; throws `throttled` for the first budget used up. */
export function reserveAttempt<S extends FailureScope>(
  db: Db,
  budgets: readonly Budget<S>[],
  throttled: (scope: S, retryAfterSeconds: number) => AppError,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const b of budgets) {
      await lockThrottleKey(tx, b.scope, b.key);
      const wait = retryAfterSeconds(await limitThFailureAge(tx, b.scope, b.key, b.limit, b.windowSeconds), b.windowSeconds);
      if (wait > 0) throw throttled(b.scope, wait);
      ids.push(await recordFailure(tx, b.scope, b.key));
    }
    return ids;
  });
}
