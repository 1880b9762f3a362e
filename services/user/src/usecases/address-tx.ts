// Address writes run in a transaction holding the user's row lock, so two concurrent writes of
// one user (two "set default" calls, say) run one after the other and the one-default rule holds.
import { userNotFound } from "../domain/errors.ts";
import type { Tx } from "@shop/kit/db";
import { lockUser } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { transaction } from "@shop/kit/transaction";

export function withUserLocked<T>(d: Deps, userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(d.db, async (tx) => {
    if (!(await lockUser(tx, userId))) throw userNotFound();
    return work(tx);
  });
}
