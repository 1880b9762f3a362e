// SetUserRoles replaces a user's roles and, when they change, ends the user's sessions: refresh
// tokens are revoked and access tokens issued before stop working at the user service at once; other
// services honour them until they expire (accessTokenTtlSeconds, see the README).
import { checkRoleChange, normalizeRoles, sameRoles, type RoleName } from "../domain/roles.ts";
import { updateUser, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { endAllSessions } from "./end-sessions.ts";
import { withUserLocked } from "./user-lock.ts";

export async function setUserRoles(d: Deps, actorId: string, userId: string, roles: readonly RoleName[]): Promise<UserRow> {
  const next = normalizeRoles(roles);
  checkRoleChange(actorId, userId, next);
  return withUserLocked(d, userId, async (tx, user) => {
    if (sameRoles(user.roles, next)) return user;
    await endAllSessions(tx, userId);
    return (await updateUser(tx, userId, { roles: next }))!;
  });
}
