// UpdateAddress: only the fields given change; the default flag moves only through SetDefault.
import { addressNotFound } from "../domain/errors.ts";
import { updateAddress as updateRow, type AddressFields, type AddressRow } from "../repo/addresses.ts";
import { withUserLocked } from "./user-lock.ts";
import type { Deps } from "./deps.ts";

export async function updateAddress(d: Deps, userId: string, addressId: string, patch: Partial<AddressFields>): Promise<AddressRow> {
  return withUserLocked(d, userId, async (tx) => {
    const row = await updateRow(tx, userId, addressId, patch);
    if (!row) throw addressNotFound();
    return row;
  });
}
