// Names and passwords: how logins are normalized and what a new account must satisfy. The RPCs
// check the same rules through protovalidate; these serve the paths without a request message
// (admin bootstrap from the environment and the CLI).
import { invalidInput } from "./errors.ts";

export const passwordMinLength = 8;
export const passwordMaxLength = 128;
const usernamePattern = /^[A-Za-z0-9_.-]{3,32}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
/** Usernames cannot contain "@", so a login with one is an email. */
export const normalizeLogin = (login: string) => login.trim().toLowerCase();
export const isEmailLogin = (normalized: string) => normalized.includes("@");

export function checkNewAccount(input: { username: string; email: string; password: string }): void {
  if (!usernamePattern.test(input.username)) throw invalidInput("username", "3-32 letters, digits, '_', '.' or '-'");
  if (input.email.length > 254 || !emailPattern.test(input.email)) throw invalidInput("email", "not an email address");
  checkPassword(input.password);
}

export function checkPassword(password: string): void {
  if (password.length < passwordMinLength) throw invalidInput("password", `at least ${passwordMinLength} characters`);
  if (password.length > passwordMaxLength) throw invalidInput("password", `at most ${passwordMaxLength} characters`);
}
