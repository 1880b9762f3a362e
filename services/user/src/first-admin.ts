// The first admin as configured (SHOP_ADMIN_*). All of email, username and a password, or none:
// half a configuration is a mistake worth failing the start for, not something to guess about.
import { readFileSync } from "node:fs";
import type { UserConfig } from "./config.ts";
import type { EnsureAdminInput } from "./usecases/ensure-admin.ts";

/** A password file's content without the trailing newline editors and `echo` add. */
export const readPasswordFile = (file: string) => readFileSync(file, "utf8").replace(/\r?\n$/, "");

export function firstAdminFromConfig(admin: UserConfig["admin"]): EnsureAdminInput | undefined {
  const password = admin.passwordFile ? readPasswordFile(admin.passwordFile) : admin.password;
  const given = [admin.email, admin.username, password].filter((v) => v !== "").length;
  if (given === 0) return undefined;
  if (given < 3)
    throw new Error("first admin: set SHOP_ADMIN_EMAIL, SHOP_ADMIN_USERNAME and SHOP_ADMIN_PASSWORD (or SHOP_ADMIN_PASSWORD_FILE), or none of them");
  return { email: admin.email, username: admin.username, password };
}
