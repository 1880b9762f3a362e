import { listAddresses as listRows, type AddressRow } from "../repo/addresses.ts";
import type { Deps } from "./deps.ts";

/** The user's addresses, the default first, then the newest. */
export const listAddresses = (d: Deps, userId: string): Promise<AddressRow[]> => listRows(d.db, userId);
