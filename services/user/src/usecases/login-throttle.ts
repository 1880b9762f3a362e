// The login throttle shared by Login and ChangePassword: failures per account and per client IP
// over a sliding window, limits read from the live config on every call.
import { loginThrottled } from "../domain/errors.ts";
import { retryAfterSeconds } from "../domain/throttle.ts";
import type { Executor } from "@shop/kit/db";
import { clearFailures, limitThFailureAge, recordFailure } from "../repo/login-failures.ts";
import type { Deps } from "./deps.ts";

/** The throttle key of an existing account, and of a login name that matches no account. */
export const userAccountKey = (userId: string) => `user:${userId}`;
export const unknownLoginKey = (normalizedLogin: string) => `login:${normalizedLogin}`;

/** Throws LOGIN_THROTTLED when the account or the IP has used up its failures. */
export async function checkLoginThrottle(d: Deps, accountKey: string, clientIp: string): Promise<void> {
  const { maxFailuresPerAccount, maxFailuresPerIp, windowSeconds } = d.config.value.login;
  const checks = [
    ["account", accountKey, maxFailuresPerAccount],
    ["ip", clientIp, maxFailuresPerIp],
  ] as const;
  for (const [scope, key, limit] of checks) {
    const wait = retryAfterSeconds(await limitThFailureAge(d.db, scope, key, limit, windowSeconds), windowSeconds);
    if (wait > 0) throw loginThrottled(scope, wait);
  }
}

export async function recordLoginFailure(ex: Executor, accountKey: string, clientIp: string): Promise<void> {
  await recordFailure(ex, "account", accountKey);
  await recordFailure(ex, "ip", clientIp);
}

export const clearAccountFailures = (ex: Executor, accountKey: string) => clearFailures(ex, "account", accountKey);
