// The database's answers to a category write that the use cases report as expected outcomes.
import { categoryNameTaken, parentCategoryNotFound } from "../domain/errors.ts";
import { siblingNameConstraint } from "../repo/categories.ts";
import { foreignKeyViolation, uniqueViolation } from "../repo/db.ts";

/** Rethrows a sibling-name clash or a parent deleted meanwhile as what it means. */
export function categoryWriteError(err: unknown): never {
  if (uniqueViolation(err) === siblingNameConstraint) throw categoryNameTaken();
  if (foreignKeyViolation(err) !== undefined) throw parentCategoryNotFound();
  throw err;
}
