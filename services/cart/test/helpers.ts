// Shared by the cart service's tests: the real user, inventory and product services and the cart
// service, each a process on databases of their own, in the PostgreSQL profile or (with `redis`)
// with carts in Redis; typed Connect clients, two shoppers and fixture builders.
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { cartv1, inventoryv1, productv1, userv1 } from "@shop/contracts";
import { createDb, databaseUrl, type Db } from "@shop/kit/db";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, requireTcp, uniqueDbPrefix } from "@shop/testkit/servers";
import { portsOf, startUserWithAdmin } from "@shop/testkit/user-service";
import { decodeJwt } from "jose";

export { testRedisUrl as redisUrl } from "@shop/testkit/redis";
import { dropRedisKeys, testRedisUrl as redisUrl } from "@shop/testkit/redis";
const admin = { username: "cart-admin", email: "cart-admin@example.com", password: "cart admin secret" };

export interface Shopper {
  id: string;
  as: CallOptions;
}

export interface CartTest {
  cart: Client<typeof cartv1.CartService>;
  guest: Client<typeof cartv1.GuestCartService>;
  internal: Client<typeof cartv1.CartInternalService>;
  products: Client<typeof productv1.AdminCatalogService>;
  inventory: Client<typeof inventoryv1.InventoryService>;
  asAdmin: CallOptions;
  alice: Shopper;
  bob: Shopper;
  /** The cart service's own database (its outbox, for publishing events in tests). */
  cartDb: Db;
  categoryId: string;
  /** The upstream processes, to stop them and see the cart degrade. */
  upstream: { product: ServiceProcess; inventory: ServiceProcess };
  close(): Promise<void>;
}

const bearer = (token: string): CallOptions => ({ headers: { authorization: `Bearer ${token}` } });
const connect = (port: number) => createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1" });

export async function startCart(opts: { redis?: boolean } = {}): Promise<CartTest> {
  await requirePostgres();
  if (opts.redis) {
    const url = new URL(redisUrl);
    await requireTcp("Redis", url.hostname, Number(url.port || 6379));
  }
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-cart-test-"));
  const base = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_POSTGRES_URL: postgresUrl };
  const started: ServiceProcess[] = [];
  const stopAll = async () => {
    for (const p of started.reverse()) await p.stop();
  };
  try {
    const user = await startUserWithAdmin(base, admin);
    started.push(user);
    const withUser = { ...base, ...portsOf("user", user) };
    const inventory = await startServiceProcess("inventory", withUser);
    started.push(inventory);
    const product = await startServiceProcess("product", { ...withUser, ...portsOf("inventory", inventory) });
    started.push(product);
    const cart = await startServiceProcess("cart", {
      ...withUser,
      ...portsOf("inventory", inventory),
      ...portsOf("product", product),
      // A generous deadline: under the parallel test run a first call can be slow, and these tests
      // check stock rules, not the deadline.
      SHOP_CART_INVENTORY_TIMEOUT_MS: "5000",
      ...(opts.redis && { SHOP_REDIS_URL: redisUrl }),
    });
    started.push(cart);
    const users = createClient(userv1.AuthService, connect(user.httpPort));
    const adminLogin = await users.login({ login: admin.username, password: admin.password });
    const register = async (name: string): Promise<Shopper> => {
      const r = await users.register({
        username: `${name}${process.pid}`,
        email: `${name}${process.pid}@example.com`,
        password: "correct horse battery",
        displayName: "",
      });
      const token = r.tokens!.accessToken;
      return { id: decodeJwt(token).sub!, as: bearer(token) };
    };
    const products = createClient(productv1.AdminCatalogService, connect(product.httpPort));
    const asAdmin = bearer(adminLogin.accessToken);
    const category = await products.createCategory({ name: `Cart test ${prefix}`, parentId: "" }, asAdmin);
    const cartDb = createDb(databaseUrl(postgresUrl, `${prefix}cart`), 2);
    const cartTransport = connect(cart.httpPort);
    return {
      cart: createClient(cartv1.CartService, cartTransport),
      guest: createClient(cartv1.GuestCartService, cartTransport),
      internal: createClient(cartv1.CartInternalService, cartTransport),
      products,
      inventory: createClient(inventoryv1.InventoryService, connect(inventory.httpPort)),
      asAdmin,
      alice: await register("alice"),
      bob: await register("bob"),
      cartDb,
      categoryId: category.id,
      upstream: { product, inventory },
      async close() {
        await cartDb.$client.end();
        await stopAll();
        await dropDatabases(prefix);
        rmSync(dataDir, { recursive: true, force: true });
        if (opts.redis) await dropRedisKeys(redisUrl, `${prefix}cart:`);
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

export interface SkuInit {
  priceMinor?: number;
  stock?: number;
  currency?: string;
  publish?: boolean;
  specs?: { key: string; value: string }[];
}

/** A product with one SKU (published unless told otherwise) and `stock` units on hand; returns the SKU. */
export async function makeSku(t: CartTest, init: SkuInit = {}): Promise<productv1.Sku & { productId: string }> {
  const { priceMinor = 1000, stock = 50, currency = "CNY", publish = true, specs = [{ key: "colour", value: "red" }] } = init;
  const created = await t.products.createProduct(
    {
      title: `Thing ${randomBytes(3).toString("hex")}`,
      categoryId: t.categoryId,
      images: ["/img/thing.jpg"],
      skus: [{ priceMinor: BigInt(priceMinor), currency, specs }],
    },
    t.asAdmin,
  );
  if (publish) await t.products.publishProduct({ productId: created.id }, t.asAdmin);
  const sku = created.skus[0]!;
  if (stock) await t.inventory.setStock({ skuId: sku.id, onHand: stock, reason: "test stock" }, t.asAdmin);
  return sku;
}

export { rejectsWith } from "@shop/testkit/assert";
