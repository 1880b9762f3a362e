// Login by username or email. Order matters: find the account, reserve an attempt (the throttle),
// then spend an argon2 verify whether or not the account exists, so neither timing nor message tells.
import { isEmailLogin, normalizeLogin } from "../domain/credentials.ts";
import { invalidCredentials } from "../domain/errors.ts";
import { findUserByEmail, findUserByUsername, updateUser } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { releaseLoginAttempt, reserveLoginAttempt, unknownLoginKey, userAccountKey } from "./login-throttle.ts";
import { issueTokens, type TokenPair } from "./session.ts";
import { withUserLocked } from "./user-lock.ts";

export interface LoginInput {
  login: string;
  password: string;
  clientIp: string;
}

export async function login(d: Deps, input: LoginInput): Promise<TokenPair> {
  const name = normalizeLogin(input.login);
  const user = isEmailLogin(name) ? await findUserByEmail(d.db, name) : await findUserByUsername(d.db, name);
  // Keyed by account, so the username and the email of one user share one budget; names that
  // match nobody are throttled the same way, by name.
  const attempt = await reserveLoginAttempt(d, user ? userAccountKey(user.id) : unknownLoginKey(name), input.clientIp);
  const ok = user ? await d.passwords.verify(user.passwordHash, input.password) : await d.passwords.verifyDummy(input.password);
  if (!user || !ok) throw invalidCredentials();
  // Hashes made under older argon2 parameters are upgraded while the password is at hand.
  const upgraded = d.passwords.needsRehash(user.passwordHash) ? await d.passwords.hash(input.password) : undefined;
  return withUserLocked(d, user.id, async (tx, current) => {
    // The password changed while this one was checked: it is no longer the account's.
    if (current.passwordHash !== user.passwordHash) throw invalidCredentials();
    await releaseLoginAttempt(tx, attempt);
    if (upgraded) await updateUser(tx, user.id, { passwordHash: upgraded });
    return issueTokens(d, tx, current);
  });
}
