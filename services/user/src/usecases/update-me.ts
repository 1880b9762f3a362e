// UpdateMe: only the fields given change. Identity comes from the access token, never the body.
import { normalizeEmail } from "../domain/credentials.ts";
import { userNotFound } from "../domain/errors.ts";
import { updateUser, type UserPatch, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { asUserConflict } from "./user-conflict.ts";

export interface UpdateMeInput {
  displayName?: string;
  email?: string;
}

export async function updateMe(d: Deps, userId: string, input: UpdateMeInput): Promise<UserRow> {
  const patch: UserPatch = {};
  if (input.displayName !== undefined) patch.displayName = input.displayName.trim();
  if (input.email !== undefined) patch.email = normalizeEmail(input.email);
  let user;
  try {
    user = await updateUser(d.db, userId, patch);
  } catch (err) {
    throw asUserConflict(err);
  }
  if (!user) throw userNotFound();
  return user;
}
