// The database's answers to a category write that the use cases report as expected outcomes.
import { asDomainError } from "@shop/kit/db-errors";
import { categoryNameTaken, parentCategoryNotFound } from "../domain/errors.ts";
import { parentConstraint, siblingNameConstraint } from "../repo/categories.ts";

/** Rethrows a sibling-name clash or a parent deleted meanwhile as what it means. */
export function categoryWriteError(err: unknown): never {
  throw asDomainError(err, { [siblingNameConstraint]: categoryNameTaken, [parentConstraint]: parentCategoryNotFound });
}
