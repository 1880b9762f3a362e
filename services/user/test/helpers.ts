// Shared by the user service's tests: a real service process on its own databases, typed
// Connect clients, and assertions on error codes and reasons.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DescService } from "@bufbuild/protobuf";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { userv1 } from "@shop/contracts";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { fastHashing } from "@shop/testkit/user-service";
import pg from "pg";

export { fastHashing };

export interface UserClients {
  auth: Client<typeof userv1.AuthService>;
  account: Client<typeof userv1.AccountService>;
  address: Client<typeof userv1.AddressService>;
  admin: Client<typeof userv1.AdminUserService>;
}

export interface TestService extends UserClients {
  svc: ServiceProcess;
  prefix: string;
  dataDir: string;
  /** The service's own database, for a client of the test's own (to hold a lock, say). */
  dbUrl: string;
  baseUrl: string;
  env: Record<string, string>;
  /** Stops the process (keeping databases and data dir), to start again with `restart`. */
  restart(extraEnv?: Record<string, string>): Promise<void>;
  /** A client of the service's own database, for checks and for faking time. */
  sql(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  close(): Promise<void>;
}

export function clientsFor(baseUrl: string): UserClients {
  const transport = createConnectTransport({ baseUrl, httpVersion: "1.1" });
  const make = <S extends DescService>(s: S) => createClient(s, transport);
  return { auth: make(userv1.AuthService), account: make(userv1.AccountService), address: make(userv1.AddressService), admin: make(userv1.AdminUserService) };
}

export async function startUserService(env: Record<string, string> = {}): Promise<TestService> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-user-test-"));
  const baseEnv = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_POSTGRES_URL: postgresUrl, ...fastHashing, ...env };
  const dbUrl = new URL(postgresUrl);
  dbUrl.pathname = `/${prefix}user`;
  const urlOf = (svc: ServiceProcess) => `http://127.0.0.1:${svc.httpPort}`;
  const svc = await startServiceProcess("user", baseEnv);
  let db: pg.Client | undefined;
  const t: TestService = {
    svc,
    prefix,
    dataDir,
    dbUrl: dbUrl.toString(),
    baseUrl: urlOf(svc),
    env: baseEnv,
    ...clientsFor(urlOf(svc)),
    async restart(extraEnv = {}) {
      await t.svc.stop();
      t.svc = await startServiceProcess("user", { ...baseEnv, ...extraEnv });
      Object.assign(t, { baseUrl: urlOf(t.svc) }, clientsFor(urlOf(t.svc)));
    },
    async sql(text, values) {
      if (!db) {
        db = new pg.Client({ connectionString: dbUrl.toString() });
        await db.connect();
      }
      return db.query(text, values);
    },
    async close() {
      await db?.end();
      await t.svc.stop();
      await dropDatabases(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

export const bearer = (accessToken: string, extra: Record<string, string> = {}): CallOptions => ({
  headers: { authorization: `Bearer ${accessToken}`, ...extra },
});
export const fromIp = (ip: string): CallOptions => ({ headers: { "x-shop-client-ip": ip } });

export { rejectsWith } from "@shop/testkit/assert";

let counter = 0;
/** A username/email pair unique within the run. */
export function uniqueUser(base = "user") {
  const tag = `${base}${process.pid}x${++counter}`;
  return { username: tag, email: `${tag.toLowerCase()}@example.com`, password: "correct horse battery", displayName: "" };
}

export async function registerUser(t: UserClients, base = "user") {
  const input = uniqueUser(base);
  const res = await t.auth.register(input);
  return { ...input, user: res.user!, tokens: res.tokens! };
}
