// The database's answers to a SKU write that the use cases report as expected outcomes.
import { asDomainError } from "@shop/kit/db-errors";
import { skuCodeTaken } from "../domain/errors.ts";
import { skuCodeConstraint } from "../repo/skus.ts";

export function skuWriteError(err: unknown): never {
  throw asDomainError(err, { [skuCodeConstraint]: skuCodeTaken });
}
