import { addressNotFound } from "../domain/errors.ts";
import { findAddress, type AddressRow } from "../repo/addresses.ts";
import type { Deps } from "./deps.ts";

export async function getAddress(d: Deps, userId: string, addressId: string): Promise<AddressRow> {
  const row = await findAddress(d.db, userId, addressId);
  if (!row) throw addressNotFound();
  return row;
}
