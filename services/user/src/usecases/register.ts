// Register: a new customer and their first session, in one transaction.
import { v7 } from "uuid";
import { normalizeEmail } from "../domain/credentials.ts";
import { newUserRoles } from "../domain/roles.ts";
import { insertUser, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { issueTokens, type TokenPair } from "./session.ts";
import { asUserConflict } from "./user-conflict.ts";

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  displayName: string;
}

export async function register(d: Deps, input: RegisterInput): Promise<{ user: UserRow; tokens: TokenPair }> {
  const passwordHash = await d.passwords.hash(input.password);
  try {
    return await d.db.transaction(async (tx) => {
      const user = await insertUser(tx, {
        id: v7(),
        username: input.username,
        email: normalizeEmail(input.email),
        displayName: input.displayName.trim() || input.username,
        passwordHash,
        roles: newUserRoles,
      });
      return { user, tokens: await issueTokens(d, tx, user) };
    });
  } catch (err) {
    throw asUserConflict(err);
  }
}
