// PostgreSQL: one database per service on a shared server, a pool, drizzle on top, and numbered
// SQL migrations applied once under an advisory lock (safe with several instances starting).
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type * as Pg from "pg";
import type { Pool as PgPool, PoolClient } from "pg";
import { createPoolGuard } from "./db-breaker.ts";
import { cancellablePool } from "./db-cancel.ts";

// Loaded through require so the OpenTelemetry pg instrumentation (initTelemetry) can patch it.
const require = createRequire(import.meta.url);
const loadPg = () => require("pg") as typeof Pg;

export type Db = NodePgDatabase<Record<string, never>> & { $client: PgPool };
/** An open drizzle transaction: use cases open it and pass it down, explicitly. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What every repo function takes: the pool (each statement on its own) or the caller's transaction. */
export type Executor = Db | Tx;

/** The URL of `database` on the server that `serverUrl` points at. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database if it does not exist (connecting to the server's `postgres` database). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`bad database name ${database}`);
  const client = new (loadPg().Client)({ connectionString: databaseUrl(serverUrl, "postgres") });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${database}`).catch((err: { code?: string }) => {
        if (err.code !== "42P04" && err.code !== "23505") throw err; // created meanwhile by another instance
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * A pool and drizzle on it. Every statement is bounded by `statementTimeoutMs` (0: unbounded), and
 * one started in an RPC handler stops when the call's deadline passes (db-cancel.ts).
 */
export function createDb(url: string, max = 10, statementTimeoutMs = 30_000, idleMs = 30_000): Db {
  const pg = loadPg();
  // pg-pool bounds with this both a new connection and the wait for a free one when the pool is
  // full: 2 s failed a 500-shopper crowd on a pool of 4 in the full test run, so 5 s. A hung server
  // is the breaker's to find (db-breaker.ts), not this timeout's.
  const config = { connectionString: url, connectionTimeoutMillis: 5_000 };
  const guard = createPoolGuard(pg, config, { target: new URL(url).pathname.slice(1) || "postgres" });
  const pool = cancellablePool(
    pg,
    { ...config, max, idleTimeoutMillis: idleMs, ...(statementTimeoutMs > 0 && { statement_timeout: statementTimeoutMs }) },
    guard,
  );
  pool.on("error", () => undefined); // a broken idle client is dropped by the pool; queries report errors
  const end = pool.end.bind(pool);
  pool.end = async () => {
    await guard.close();
    await end();
  };
  return drizzle({ client: pool });
}

/**
 * Applies `NNNN_name.sql` files from `dir` in order, each in a transaction, recording them (as
 * `<namespace>/<file>` when given: the kit's own tables live beside the service's).
 */
export async function migrate(db: Db, dir: string, namespace?: string): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
  const client: PoolClient = await db.$client.connect();
  const applied: string[] = [];
  try {
    await client.query("set statement_timeout = 0"); // a migration may rewrite a big table
    await client.query("select pg_advisory_lock(hashtext('shop_migrations'))");
    await client.query("create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())");
    const done = new Set((await client.query<{ name: string }>("select name from schema_migrations")).rows.map((r) => r.name));
    const named = (file: string) => (namespace ? `${namespace}/${file}` : file);
    for (const file of files.filter((f) => !done.has(named(f)))) {
      await client.query("begin");
      try {
        await client.query(readFileSync(join(dir, file), "utf8"));
        await client.query("insert into schema_migrations (name) values ($1)", [named(file)]);
        await client.query("commit");
        applied.push(named(file));
      } catch (err) {
        await client.query("rollback");
        throw new Error(`migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
    }
  } finally {
    await client.query("select pg_advisory_unlock(hashtext('shop_migrations'))").catch(() => undefined);
    await client.query("reset statement_timeout").catch(() => undefined);
    client.release();
  }
  return applied;
}
