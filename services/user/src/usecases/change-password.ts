// ChangePassword: proves the current password (throttled like a login, since a stolen access
// token must not become an unlimited password oracle), then ends every session of the user.
import { userNotFound, wrongPassword } from "../domain/errors.ts";
import { revokeAllOfUser } from "../repo/refresh-tokens.ts";
import { findUserById, updateUser } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { checkLoginThrottle, clearAccountFailures, recordLoginFailure, userAccountKey } from "./login-throttle.ts";
import { transaction } from "@shop/kit/transaction";

export interface ChangePasswordInput {
  userId: string;
  currentPassword: string;
  newPassword: string;
  clientIp: string;
}

export async function changePassword(d: Deps, input: ChangePasswordInput): Promise<void> {
  const user = await findUserById(d.db, input.userId);
  if (!user) throw userNotFound();
  const accountKey = userAccountKey(user.id);
  await checkLoginThrottle(d, accountKey, input.clientIp);
  if (!(await d.passwords.verify(user.passwordHash, input.currentPassword))) {
    await recordLoginFailure(d.db, accountKey, input.clientIp);
    throw wrongPassword();
  }
  const passwordHash = await d.passwords.hash(input.newPassword);
  await transaction(d.db, async (tx) => {
    await updateUser(tx, user.id, { passwordHash });
    await revokeAllOfUser(tx, user.id);
    await clearAccountFailures(tx, accountKey);
  });
}
