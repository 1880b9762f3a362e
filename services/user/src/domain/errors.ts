// The user service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const usernameTaken = () => new AppError("already_exists", "USERNAME_TAKEN", "that username is taken");
export const emailTaken = () => new AppError("already_exists", "EMAIL_TAKEN", "that email is already registered");
// Register's one answer for a taken username or email: it does not say which (see register.ts).
export const usernameOrEmailTaken = () =>
  new AppError("already_exists", "USERNAME_OR_EMAIL_TAKEN", "that username or email cannot be used; choose another, or sign in if the account is yours");
export const registerThrottled = (retryAfterSeconds: number) =>
  new AppError("resource_exhausted", "REGISTER_THROTTLED", "too many registrations from this address; try again later", { retryAfterSeconds });
// One message for an unknown user and a wrong password: no account enumeration.
export const invalidCredentials = () => new AppError("unauthenticated", "INVALID_CREDENTIALS", "wrong login or password");
export const loginThrottled = (scope: "account" | "ip", retryAfterSeconds: number) =>
  new AppError("resource_exhausted", "LOGIN_THROTTLED", "too many failed logins; try again later", { retryAfterSeconds, metadata: { scope } });
export const refreshTokenInvalid = () => new AppError("unauthenticated", "REFRESH_TOKEN_INVALID", "the refresh token is invalid, expired or revoked");
export const refreshTokenReused = () =>
  new AppError("unauthenticated", "REFRESH_TOKEN_REUSED", "the refresh token was already used; the session has been ended");
export const wrongPassword = () => new AppError("permission_denied", "WRONG_PASSWORD", "the current password is wrong");
export const userNotFound = () => new AppError("not_found", "USER_NOT_FOUND", "user not found");
export const addressNotFound = () => new AppError("not_found", "ADDRESS_NOT_FOUND", "address not found");
export const addressLimitReached = (max: number) =>
  new AppError("failed_precondition", "ADDRESS_LIMIT_REACHED", `at most ${max} addresses per user`, { metadata: { max: String(max) } });
export const cannotRemoveOwnAdmin = () =>
  new AppError("failed_precondition", "CANNOT_REMOVE_OWN_ADMIN", "an admin cannot take the admin role away from themselves");
export const adminEmailMismatch = (username: string) =>
  new AppError("failed_precondition", "ADMIN_EMAIL_MISMATCH", `user ${username} exists with a different email; not granting admin`);
export const adminPasswordMismatch = (username: string) =>
  new AppError(
    "failed_precondition",
    "ADMIN_PASSWORD_MISMATCH",
    `user ${username} already exists and the password given is not its password; not granting it the admin role (give that user's own password, or choose another username and email)`,
  );
export const invalidInput = (field: string, message: string) =>
  new AppError("invalid_argument", "INVALID_INPUT", `${field}: ${message}`, { violations: [{ field, message }] });
