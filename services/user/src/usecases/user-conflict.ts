// Turns a unique violation on users into the matching expected error; anything else passes through.
import { emailTaken, usernameTaken } from "../domain/errors.ts";
import { uniqueViolation } from "../repo/db.ts";
import { emailConstraint, usernameConstraint } from "../repo/users.ts";

export function asUserConflict(err: unknown): unknown {
  const constraint = uniqueViolation(err);
  if (constraint === usernameConstraint) return usernameTaken();
  if (constraint === emailConstraint) return emailTaken();
  return err;
}
