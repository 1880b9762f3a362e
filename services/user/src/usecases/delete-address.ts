// DeleteAddress: deleting the default hands the default to the most recently updated other address.
import { addressNotFound } from "../domain/errors.ts";
import { deleteAddress as deleteRow, promoteLatest } from "../repo/addresses.ts";
import { withUserLocked } from "./user-lock.ts";
import type { Deps } from "./deps.ts";

export async function deleteAddress(d: Deps, userId: string, addressId: string): Promise<void> {
  await withUserLocked(d, userId, async (tx) => {
    const deleted = await deleteRow(tx, userId, addressId);
    if (!deleted) throw addressNotFound();
    if (deleted.isDefault) await promoteLatest(tx, userId);
  });
}
