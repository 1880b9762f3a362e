// The first admin, from the environment at startup or from the CLI: create the user with the admin
// role, or grant the role to the existing user, but only when the password given is that user's
// own: anyone can register a name first (emails are not verified), and must not become admin by it.
// An existing password is never overwritten.
import { v7 } from "uuid";
import { checkNewAccount, normalizeEmail } from "../domain/credentials.ts";
import { adminEmailMismatch, adminPasswordMismatch, emailTaken, userNotFound } from "../domain/errors.ts";
import { firstAdminRoles, isAdmin, normalizeRoles } from "../domain/roles.ts";
import { findUserByEmail, findUserByUsername, insertUser, updateUser, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { asUserConflict } from "./user-conflict.ts";

export interface EnsureAdminInput {
  username: string;
  email: string;
  password: string;
}

/** The refusals that mean "that name or email is someone else's account", not a broken configuration. */
export const adminConflictReasons: ReadonlySet<string> = new Set(["ADMIN_PASSWORD_MISMATCH", "ADMIN_EMAIL_MISMATCH", "EMAIL_TAKEN", "USERNAME_TAKEN"]);

export type EnsureAdminResult = { outcome: "created" | "promoted" | "unchanged"; user: UserRow };

async function promoteExisting(d: Deps, input: EnsureAdminInput, email: string): Promise<EnsureAdminResult | undefined> {
  const user = await findUserByUsername(d.db, input.username.toLowerCase());
  if (!user) return undefined;
  // The username names one account and the email another: granting admin to either would be a guess.
  if (user.email !== email) throw adminEmailMismatch(input.username);
  if (isAdmin(user.roles)) return { outcome: "unchanged", user };
  if (!(await d.passwords.verify(user.passwordHash, input.password))) throw adminPasswordMismatch(input.username);
  const promoted = await updateUser(d.db, user.id, { roles: normalizeRoles([...user.roles, "admin"]) });
  if (!promoted) throw userNotFound();
  return { outcome: "promoted", user: promoted };
}

export async function ensureAdmin(d: Deps, input: EnsureAdminInput): Promise<EnsureAdminResult> {
  const email = normalizeEmail(input.email);
  const existing = await promoteExisting(d, input, email);
  if (existing) return existing;
  if (await findUserByEmail(d.db, email)) throw emailTaken();
  checkNewAccount({ ...input, email });
  const passwordHash = await d.passwords.hash(input.password);
  try {
    const user = await insertUser(d.db, { id: v7(), username: input.username, email, displayName: input.username, passwordHash, roles: firstAdminRoles });
    return { outcome: "created", user };
  } catch (err) {
    // Another instance created it meanwhile (several instances start with the same environment).
    const conflict = asUserConflict(err);
    if (conflict === err) throw err;
    const raced = await promoteExisting(d, input, email);
    if (raced) return raced;
    throw conflict;
  }
}
