// Login by username or email. Order matters: find the account, check the throttle, then spend
// an argon2 verify whether or not the account exists, so neither timing nor message tells.
import { isEmailLogin, normalizeLogin } from "../domain/credentials.ts";
import { invalidCredentials } from "../domain/errors.ts";
import { findUserByEmail, findUserByUsername, updateUser } from "../repo/users.ts";
import type { Deps } from "./deps.ts";
import { checkLoginThrottle, clearAccountFailures, recordLoginFailure, unknownLoginKey, userAccountKey } from "./login-throttle.ts";
import { issueTokens, type TokenPair } from "./session.ts";

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
  const accountKey = user ? userAccountKey(user.id) : unknownLoginKey(name);
  await checkLoginThrottle(d, accountKey, input.clientIp);
  const ok = user ? await d.passwords.verify(user.passwordHash, input.password) : await d.passwords.verifyDummy(input.password);
  if (!user || !ok) {
    await recordLoginFailure(d.db, accountKey, input.clientIp);
    throw invalidCredentials();
  }
  // Hashes made under older argon2 parameters are upgraded while the password is at hand.
  const upgraded = d.passwords.needsRehash(user.passwordHash) ? await d.passwords.hash(input.password) : undefined;
  return d.db.transaction(async (tx) => {
    await clearAccountFailures(tx, accountKey);
    if (upgraded) await updateUser(tx, user.id, { passwordHash: upgraded });
    return issueTokens(d, tx, user);
  });
}
