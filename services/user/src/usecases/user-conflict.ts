// Turns a unique violation on users into the matching expected error; anything else passes through.
import { asDomainError } from "@shop/kit/db-errors";
import { emailTaken, usernameOrEmailTaken, usernameTaken } from "../domain/errors.ts";
import { emailConstraint, usernameConstraint } from "../repo/users.ts";

const userConstraints = { [usernameConstraint]: usernameTaken, [emailConstraint]: emailTaken };

export const asUserConflict = (err: unknown): unknown => asDomainError(err, userConstraints);

const registrationConstraints = { [usernameConstraint]: usernameOrEmailTaken, [emailConstraint]: usernameOrEmailTaken };

/** Register's version: one answer whichever is taken. */
export const asRegistrationConflict = (err: unknown): unknown => asDomainError(err, registrationConstraints);
