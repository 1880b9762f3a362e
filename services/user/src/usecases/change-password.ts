// ChangePassword: proves the current password (throttled like a login, since a stolen access
// token must not become an unlimited password oracle), then ends every session of the user.
import { userNotFound, wrongPassword } from "../domain/errors.ts";
import { findUserById, updateUser } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { endAllSessions } from "./end-sessions.ts";
import { releaseLoginAttempt, reserveLoginAttempt, userAccountKey } from "./login-throttle.ts";
import { withUserLocked } from "./user-lock.ts";

export interface ChangePasswordInput {
  userId: string;
  currentPassword: string;
  newPassword: string;
  clientIp: string;
}

export async function changePassword(d: Deps, input: ChangePasswordInput): Promise<void> {
  const user = await findUserById(d.db, input.userId);
  if (!user) throw userNotFound();
  const attempt = await reserveLoginAttempt(d, userAccountKey(user.id), input.clientIp);
  if (!(await d.passwords.verify(user.passwordHash, input.currentPassword))) throw wrongPassword();
  const passwordHash = await d.passwords.hash(input.newPassword);
  await withUserLocked(d, user.id, async (tx, current) => {
    // Another change won meanwhile: the password proven here is no longer the current one.
    if (current.passwordHash !== user.passwordHash) throw wrongPassword();
    await updateUser(tx, user.id, { passwordHash });
    await endAllSessions(tx, user.id);
    await releaseLoginAttempt(tx, attempt);
  });
}
