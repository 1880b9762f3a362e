// Shared by the inventory service's tests: the real user service (for tokens and the JWKS, with a
// first admin from the environment) and the inventory service, each as its own process on
// databases of their own; typed Connect clients and an admin's and a customer's call options.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { inventoryv1, userv1 } from "@shop/contracts";
import { databaseUrl } from "@shop/kit/db";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { portsOf, startUserWithAdmin } from "@shop/testkit/user-service";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { decodeJwt } from "jose";
import pg from "pg";
import { inventoryViolations } from "@shop/inventory/invariant";

const admin = { username: "stock-admin", email: "stock-admin@example.com", password: "stock admin secret" };

export interface InventoryTest {
  user: ServiceProcess;
  inventory: ServiceProcess;
  /** The database-name prefix: the bus (PostgreSQL adapter) is `<prefix>bus`. */
  prefix: string;
  client: Client<typeof inventoryv1.InventoryService>;
  /** The internal ReservationService (these tests call from loopback: internal without a token). */
  reservations: Client<typeof inventoryv1.ReservationService>;
  /** Call options of the first admin, and its user id. */
  asAdmin: CallOptions;
  adminId: string;
  /** Call options of a freshly registered customer. */
  asCustomer: CallOptions;
  /** A query on the inventory service's own database. */
  sql(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  close(): Promise<void>;
}

const bearer = (token: string): CallOptions => ({ headers: { authorization: `Bearer ${token}` } });

/** `env`: more settings of the inventory process. */
export async function startInventory(env: Record<string, string> = {}): Promise<InventoryTest> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-inventory-test-"));
  const base = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_POSTGRES_URL: postgresUrl };
  const user = await startUserWithAdmin(base, admin);
  let inventory: ServiceProcess;
  try {
    inventory = await startServiceProcess("inventory", { ...base, ...portsOf("user", user), ...env });
  } catch (err) {
    await user.stop();
    throw err;
  }
  const users = createClient(userv1.AuthService, createConnectTransport({ baseUrl: `http://127.0.0.1:${user.httpPort}`, httpVersion: "1.1" }));
  const adminLogin = await users.login({ login: admin.username, password: admin.password });
  const customer = await users.register({
    username: `shopper${process.pid}`,
    email: `shopper${process.pid}@example.com`,
    password: "correct horse battery",
    displayName: "",
  });
  const db = new pg.Client({ connectionString: databaseUrl(postgresUrl, `${prefix}inventory`) });
  await db.connect();
  const transport = createConnectTransport({ baseUrl: `http://127.0.0.1:${inventory.httpPort}`, httpVersion: "1.1" });
  return {
    user,
    inventory,
    prefix,
    client: createClient(inventoryv1.InventoryService, transport),
    reservations: createClient(inventoryv1.ReservationService, transport),
    asAdmin: bearer(adminLogin.accessToken),
    adminId: decodeJwt(adminLogin.accessToken).sub!,
    asCustomer: bearer(customer.tokens!.accessToken),
    sql: (text, values) => db.query(text, values),
    async close() {
      await db.end();
      await inventory.stop();
      await user.stop();
      await dropDatabases(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fails listing every violation of the inventory's invariant (the checker other tests use). */
export async function assertInvariant(t: InventoryTest): Promise<void> {
  assert.deepEqual(await inventoryViolations({ query: (text) => t.sql(text) }), []);
}

export { rejectsWith } from "@shop/testkit/assert";
