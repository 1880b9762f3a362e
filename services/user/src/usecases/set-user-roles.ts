// SetUserRoles replaces a user's roles. Tokens already issued keep their roles until they expire
// (accessTokenTtlSeconds); the next refresh carries the new ones.
import { userNotFound } from "../domain/errors.ts";
import { checkRoleChange, normalizeRoles, type RoleName } from "../domain/roles.ts";
import { updateUser, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";

export async function setUserRoles(d: Deps, actorId: string, userId: string, roles: readonly RoleName[]): Promise<UserRow> {
  const next = normalizeRoles(roles);
  checkRoleChange(actorId, userId, next);
  const user = await updateUser(d.db, userId, { roles: next });
  if (!user) throw userNotFound();
  return user;
}
