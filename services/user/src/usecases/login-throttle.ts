// The login throttle shared by Login and ChangePassword: failures per account and per client IP
// over a sliding window, limits read from the live config on every call. An attempt is reserved
// (counted as a failure) before the password is checked, and taken back when it was right.
import { loginThrottled } from "../domain/errors.ts";
import type { Executor } from "@shop/kit/db";
import { clearFailures, deleteFailures } from "../repo/login-failures.ts";
import type { Deps } from "./deps.ts";
import { reserveAttempt } from "./throttle.ts";

/** The throttle key of an existing account, and of a login name that matches no account. */
export const userAccountKey = (userId: string) => `user:${userId}`;
export const unknownLoginKey = (normalizedLogin: string) => `login:${normalizedLogin}`;

export interface LoginAttempt {
  accountKey: string;
  ipAttemptId: number;
}

/** Throws LOGIN_THROTTLED when the account or the IP has used up its failures; else counts this attempt as one. */
export async function reserveLoginAttempt(d: Deps, accountKey: string, clientIp: string): Promise<LoginAttempt> {
  const { maxFailuresPerAccount, maxFailuresPerIp, windowSeconds } = d.config.value.login;
  const [, ipAttemptId] = await reserveAttempt(
    d.db,
    [
      { scope: "account", key: accountKey, limit: maxFailuresPerAccount, windowSeconds },
      { scope: "ip", key: clientIp, limit: maxFailuresPerIp, windowSeconds },
    ],
    loginThrottled,
  );
  return { accountKey, ipAttemptId: ipAttemptId! };
}

/** The password was right: this attempt was no failure of the IP's, and the account's failures are forgiven. */
export async function releaseLoginAttempt(ex: Executor, attempt: LoginAttempt): Promise<void> {
  await deleteFailures(ex, [attempt.ipAttemptId]);
  await clearFailures(ex, "account", attempt.accountKey);
}
