// Shared by the product service's tests: the real user service (tokens, the JWKS, a first admin
// from the environment), optionally the real inventory service, and one or more product service
// processes, each on databases of their own; typed Connect clients and fixture builders.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { inventoryv1, productv1, userv1 } from "@shop/contracts";
import { databaseUrl } from "@shop/kit/db";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { portsOf, startUserWithAdmin } from "@shop/testkit/user-service";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import pg from "pg";

const admin = { username: "catalog-admin", email: "catalog-admin@example.com", password: "catalog admin secret" };

export interface ProductClients {
  catalog: Client<typeof productv1.CatalogService>;
  search: Client<typeof productv1.SearchService>;
  admin: Client<typeof productv1.AdminCatalogService>;
}

export interface ProductInstance extends ProductClients {
  proc: ServiceProcess;
}

export interface CatalogTest extends ProductClients {
  prefix: string;
  user: ServiceProcess;
  product: ServiceProcess;
  inventory?: ServiceProcess;
  inventoryClient?: Client<typeof inventoryv1.InventoryService>;
  asAdmin: CallOptions;
  asCustomer: CallOptions;
  /** Another product service instance on the same databases (and the same Redis, if any). */
  startProduct(env?: Record<string, string>): Promise<ProductInstance>;
  /** A query on the product service's own database. */
  sql(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  close(): Promise<void>;
}

export interface CatalogOptions {
  /** Start the inventory service too; without it inventory calls go to a closed port. */
  inventory?: boolean;
  productEnv?: Record<string, string>;
}

const bearer = (token: string): CallOptions => ({ headers: { authorization: `Bearer ${token}` } });
const connect = (port: number) => createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1" });

export function productClients(port: number): ProductClients {
  const t = connect(port);
  return {
    catalog: createClient(productv1.CatalogService, t),
    search: createClient(productv1.SearchService, t),
    admin: createClient(productv1.AdminCatalogService, t),
  };
}

export async function startCatalog(opts: CatalogOptions = {}): Promise<CatalogTest> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-product-test-"));
  const base = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_POSTGRES_URL: postgresUrl };
  const started: ServiceProcess[] = [];
  const stopAll = async () => {
    for (const p of started.reverse()) await p.stop();
  };
  try {
    const user = await startUserWithAdmin(base, admin);
    started.push(user);
    const userPorts = portsOf("user", user);
    const inventory = opts.inventory ? await startServiceProcess("inventory", { ...base, ...userPorts }) : undefined;
    if (inventory) started.push(inventory);
    // Port 1 refuses connections at once: the inventory service is simply not there.
    const inventoryPorts = { SHOP_INVENTORY_HTTP_PORT: String(inventory?.httpPort ?? 1), SHOP_INVENTORY_GRPC_PORT: String(inventory?.grpcPort ?? 1) };
    const productEnv = { ...base, ...userPorts, ...inventoryPorts, ...opts.productEnv };
    const startProduct = async (env: Record<string, string> = {}): Promise<ProductInstance> => {
      const proc = await startServiceProcess("product", { ...productEnv, ...env });
      started.push(proc);
      return { proc, ...productClients(proc.httpPort) };
    };
    const first = await startProduct();
    const users = createClient(userv1.AuthService, connect(user.httpPort));
    const adminLogin = await users.login({ login: admin.username, password: admin.password });
    const customer = await users.register({
      username: `shopper${process.pid}`,
      email: `shopper${process.pid}@example.com`,
      password: "correct horse battery",
      displayName: "",
    });
    const db = new pg.Client({ connectionString: databaseUrl(postgresUrl, `${prefix}product`) });
    await db.connect();
    return {
      prefix,
      user,
      product: first.proc,
      inventory,
      inventoryClient: inventory && createClient(inventoryv1.InventoryService, connect(inventory.httpPort)),
      catalog: first.catalog,
      search: first.search,
      admin: first.admin,
      asAdmin: bearer(adminLogin.accessToken),
      asCustomer: bearer(customer.tokens!.accessToken),
      startProduct,
      sql: (text, values) => db.query(text, values),
      async close() {
        await db.end();
        await stopAll();
        await dropDatabases(prefix);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

export { rejectsWith } from "@shop/testkit/assert";

export interface SkuInit {
  priceMinor: bigint;
  currency: string;
  compareAtPriceMinor?: bigint;
  code?: string;
  specs?: { key: string; value: string }[];
}

export interface ProductInit {
  title: string;
  categoryId: string;
  subtitle?: string;
  description?: string;
  brand?: string;
  images?: string[];
  attributes?: { key: string; value: string }[];
  skus?: SkuInit[];
  /** Default true. */
  publish?: boolean;
}

let counter = 0;
/** A name unique within the run (categories are unique among siblings). */
export const unique = (base: string) => `${base} ${process.pid}-${++counter}`;

export async function makeCategory(t: CatalogTest, name: string, parentId = ""): Promise<productv1.Category> {
  return t.admin.createCategory({ name, parentId }, t.asAdmin);
}

export const sku = (priceMinor: number, extra: Omit<SkuInit, "priceMinor" | "currency"> & { currency?: string } = {}): SkuInit => ({
  priceMinor: BigInt(priceMinor),
  currency: "CNY",
  ...extra,
});

/** Creates a product (and publishes it unless `publish` is false). */
export async function makeProduct(t: CatalogTest, fields: ProductInit): Promise<productv1.Product> {
  const { publish = true, skus = [sku(1000)], ...rest } = fields;
  const created = await t.admin.createProduct({ ...rest, skus }, t.asAdmin);
  return publish ? t.admin.publishProduct({ productId: created.id }, t.asAdmin) : created;
}
