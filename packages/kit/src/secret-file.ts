// Secrets kept in files (0600) in the data folder, created on first use: what a process needs to
// stay the same across restarts when no secret is configured (a signing key, an HMAC key). A new
// file is written privately under a temporary name and hard-linked into place: link fails with
// EEXIST when another instance won the race, and the winner's file is complete the moment it
// appears (a plain "wx" open would expose a half-written file), so instances starting at once
// agree on one secret.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** The text of `file`, created with `make()` when missing. */
export function readOrCreateFile(file: string, make: () => string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, make(), { mode: 0o600, flag: "wx" });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(tmp);
  }
  return readFileSync(file, "utf8");
}

/** The secret in `file` (32 random bytes, base64), created when missing. */
export function readOrCreateSecret(file: string): Buffer {
  return Buffer.from(readOrCreateFile(file, () => `${randomBytes(32).toString("base64")}\n`).trim(), "base64");
}
