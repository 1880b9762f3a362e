// The database's answers to a SKU write that the use cases report as expected outcomes.
import { skuCodeTaken } from "../domain/errors.ts";
import { uniqueViolation } from "../repo/db.ts";
import { skuCodeConstraint } from "../repo/skus.ts";

export function skuWriteError(err: unknown): never {
  if (uniqueViolation(err) === skuCodeConstraint) throw skuCodeTaken();
  throw err;
}
