// A shopper's preferences: read (defaults when never set) and replaced as a whole.
import { phoneRequired } from "../domain/errors.ts";
import { findPreferences, savePreferences, type Preferences } from "../repo/preferences.ts";
import type { Deps } from "./deps.ts";

export const getPreferences = (d: Deps, userId: string) => findPreferences(d.db, userId);

export async function updatePreferences(d: Deps, p: Preferences): Promise<Preferences> {
  if (p.smsEnabled && !p.phone) throw phoneRequired();
  return savePreferences(d.db, p);
}
