// Register: a new customer and their first session, in one transaction. Throttled per client IP
// (every attempt counts, reserved atomically like a login's), and a taken username or email gets
// one answer that does not say which, checked before the costly hash. What it cannot hide, since a
// registration signs in at once and emails are not verified: a fresh username with someone's email
// is refused, so each attempt can tell whether an email has an account; the throttle bounds that.
import { v7 } from "uuid";
import { normalizeEmail } from "../domain/credentials.ts";
import { registerThrottled, usernameOrEmailTaken } from "../domain/errors.ts";
import { newUserRoles } from "../domain/roles.ts";
import { insertUser, isUsernameOrEmailInUse, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { issueTokens, type TokenPair } from "./session.ts";
import { reserveAttempt } from "./throttle.ts";
import { asRegistrationConflict } from "./user-conflict.ts";

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  displayName: string;
  clientIp: string;
}

export async function register(d: Deps, input: RegisterInput): Promise<{ user: UserRow; tokens: TokenPair }> {
  const { maxPerIp, windowSeconds } = d.config.value.register;
  await reserveAttempt(d.db, [{ scope: "register", key: input.clientIp, limit: maxPerIp, windowSeconds }], (_scope, wait) => registerThrottled(wait));
  const email = normalizeEmail(input.email);
  if (await isUsernameOrEmailInUse(d.db, input.username.toLowerCase(), email)) throw usernameOrEmailTaken();
  const passwordHash = await d.passwords.hash(input.password);
  try {
    return await d.db.transaction(async (tx) => {
      const user = await insertUser(tx, {
        id: v7(),
        username: input.username,
        email,
        displayName: input.displayName.trim() || input.username,
        passwordHash,
        roles: newUserRoles,
      });
      return { user, tokens: await issueTokens(d, tx, user) };
    });
  } catch (err) {
    throw asRegistrationConflict(err);
  }
}
