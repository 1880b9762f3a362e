// SetDefaultAddress: clear the old default, then mark this one, in one transaction (the partial
// unique index allows one default per user at every step).
import { addressNotFound } from "../domain/errors.ts";
import { clearDefault, findAddress, makeDefault, type AddressRow } from "../repo/addresses.ts";
import { withUserLocked } from "./user-lock.ts";
import type { Deps } from "./deps.ts";

export async function setDefaultAddress(d: Deps, userId: string, addressId: string): Promise<AddressRow> {
  return withUserLocked(d, userId, async (tx) => {
    const target = await findAddress(tx, userId, addressId);
    if (!target) throw addressNotFound();
    if (target.isDefault) return target;
    await clearDefault(tx, userId, addressId);
    const row = await makeDefault(tx, userId, addressId);
    if (!row) throw new Error(`address ${addressId} vanished under the user lock`);
    return row;
  });
}
