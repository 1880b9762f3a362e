// The in-process test tier: a service's routes, wrapped as the kit serves them (idempotency, error
// mapping, access control, input validation), on an in-memory Connect transport, over a real
// PostgreSQL database of the test file's own. No listener and no child process: fast enough for a
// test per rule, while the process tests keep covering listeners, config and shutdown.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createRouterTransport, type ConnectRouter, type Interceptor, type Transport } from "@connectrpc/connect";
import { createDb, databaseUrl, ensureDatabase, migrate, type Db } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { internalCallerKey } from "@shop/kit/rpc/context";
import { withIdempotency } from "@shop/kit/rpc/idempotency";
import { serverInterceptors, type TokenVerifier } from "@shop/kit/rpc/server-interceptors";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "./servers.ts";

const kitMigrations = fileURLToPath(new URL("../../kit/migrations", import.meta.url));

export interface TestDb {
  db: Db;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

/** A fresh database `<random prefix><service>` with the kit's and the service's migrations applied. */
export async function createTestDb(service: string, migrationsDir: string): Promise<TestDb> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  await ensureDatabase(postgresUrl, `${prefix}${service}`);
  const db = createDb(databaseUrl(postgresUrl, `${prefix}${service}`), 4);
  try {
    await migrate(db, kitMigrations, "kit");
    await migrate(db, migrationsDir);
  } catch (err) {
    await db.$client.end();
    await dropDatabases(prefix);
    throw err;
  }
  return {
    db,
    async close() {
      await db.$client.end();
      await dropDatabases(prefix);
    },
  };
}

export interface InProcessOptions {
  db: Db;
  verifyToken: TokenVerifier;
  /** Whether callers count as inside the system (internal RPCs); default true, as loopback callers are. */
  internal?: boolean;
}

/** A transport to `routes` with the interceptors of the kit's server, in the same order. */
export function inProcessTransport(routes: (router: ConnectRouter) => void, opts: InProcessOptions): Transport {
  const logger = createLogger("in-process", "silent");
  const callers: Interceptor = (next) => (req) => {
    req.contextValues.set(internalCallerKey, opts.internal ?? true);
    return next(req);
  };
  const secret = randomBytes(32);
  return createRouterTransport(withIdempotency({ db: opts.db, secret }, routes), {
    router: { interceptors: serverInterceptors(logger, opts.verifyToken, [callers]) },
  });
}
