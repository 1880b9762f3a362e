// CreateAddress: at most maxAddressesPerUser; the first one is the default, and asking for the
// default moves it here.
import { v7 } from "uuid";
import { becomesDefault, maxAddressesPerUser } from "../domain/address.ts";
import { addressLimitReached } from "../domain/errors.ts";
import { clearDefault, countAddresses, insertAddress, type AddressFields, type AddressRow } from "../repo/addresses.ts";
import { withUserLocked } from "./user-lock.ts";
import type { Deps } from "./deps.ts";

export async function createAddress(d: Deps, userId: string, fields: AddressFields, wantsDefault: boolean): Promise<AddressRow> {
  return withUserLocked(d, userId, async (tx) => {
    const existing = await countAddresses(tx, userId);
    if (existing >= maxAddressesPerUser) throw addressLimitReached(maxAddressesPerUser);
    const isDefault = becomesDefault(existing, wantsDefault);
    if (isDefault) await clearDefault(tx, userId);
    return insertAddress(tx, { ...fields, id: v7(), userId, isDefault });
  });
}
