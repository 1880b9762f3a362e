import { userNotFound } from "../domain/errors.ts";
import { findUserById, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";

export async function getMe(d: Deps, userId: string): Promise<UserRow> {
  const user = await findUserById(d.db, userId);
  if (!user) throw userNotFound();
  return user;
}
