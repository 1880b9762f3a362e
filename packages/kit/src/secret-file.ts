// A random secret kept in a file (0600) in the data folder, created on first use: what a process
// needs to stay the same across restarts when no secret is configured. Created as the user
// service's signing key is: a private temp file hard-linked into place, so two instances starting
// at once agree on one secret and neither reads a half-written file.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** The secret in `file` (32 random bytes, base64), created when missing. */
export function readOrCreateSecret(file: string): Buffer {
  try {
    return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(tmp);
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}
