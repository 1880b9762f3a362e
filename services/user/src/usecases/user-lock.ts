// Work on one user under their row lock. Address writes take it so two concurrent writes (two "set
// default" calls, say) run one after the other and the one-default rule holds; every path that
// issues, rotates or revokes the user's tokens takes it so a refresh and a revocation (logout,
// reuse detection, password or role change) cannot interleave and leave a new token behind.
import { userNotFound } from "../domain/errors.ts";
import type { Tx } from "@shop/kit/db";
import { transaction } from "@shop/kit/transaction";
import { lockUser, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";

export function withUserLocked<T>(d: Deps, userId: string, work: (tx: Tx, user: UserRow) => Promise<T>): Promise<T> {
  return transaction(d.db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) throw userNotFound();
    return work(tx, user);
  });
}
