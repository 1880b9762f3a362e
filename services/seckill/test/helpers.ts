// Shared by the seckill service's RPC tests: the real user, inventory, product and seckill
// services, each a process on databases of their own, with the gate in PostgreSQL or (with
// `redis`) in Redis; typed Connect clients, an admin and two shoppers, a SKU maker, a watcher of
// the bus's won-attempt events and a way to publish order events into the service's outbox.
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, fromBinary } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { events, inventoryv1, orderv1, productv1, seckillv1, userv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import type { Bus } from "@shop/kit/bus/port";
import { createDb, databaseUrl, type Db } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, requireTcp, uniqueDbPrefix } from "@shop/testkit/servers";
import { portsOf, startUserWithAdmin } from "@shop/testkit/user-service";
import { decodeJwt } from "jose";
import { v7 } from "uuid";

export { testRedisUrl as redisUrl } from "@shop/testkit/redis";
import { dropRedisKeys, testRedisUrl as redisUrl } from "@shop/testkit/redis";
const admin = { username: "sale-admin", email: "sale-admin@example.com", password: "sale admin secret" };

export interface Shopper {
  id: string;
  as: CallOptions;
}

export interface SeckillTest {
  sales: Client<typeof seckillv1.FlashSaleService>;
  admin: Client<typeof seckillv1.AdminFlashSaleService>;
  inventory: Client<typeof inventoryv1.InventoryService>;
  asAdmin: CallOptions;
  alice: Shopper;
  bob: Shopper;
  /** A new shopper. */
  shopper(name: string): Promise<Shopper>;
  /** A published SKU with `stock` units; returns its id. */
  sku(priceMinor: number, stock: number): Promise<string>;
  /** A sale of `sku` at 990 for `quantity`, on from now for an hour unless told. */
  schedule(skuId: string, quantity: number, startsInMs?: number): Promise<seckillv1.FlashSale>;
  /** The won-attempt events the bus delivered so far. */
  won: seckillv1.FlashSaleAttemptWon[];
  /** The sale-starting events the bus delivered so far. */
  starting: seckillv1.FlashSaleStarting[];
  /** Publishes an order's status change (as the order service would) through the seckill service's outbox. */
  orderChanged(orderId: string, saleId: string, userId: string, to: orderv1.OrderStatus, reason?: string): Promise<void>;
  httpPort: number;
  /** The Redis gate's key prefix (with `redis`). */
  redisPrefix: string;
  close(): Promise<void>;
}

const bearer = (token: string): CallOptions => ({ headers: { authorization: `Bearer ${token}` } });
const connect = (port: number) => createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1" });

export async function startSeckill(opts: { redis?: boolean; env?: Record<string, string> } = {}): Promise<SeckillTest> {
  await requirePostgres();
  if (opts.redis) {
    const url = new URL(redisUrl);
    await requireTcp("Redis", url.hostname, Number(url.port || 6379));
  }
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-seckill-test-"));
  const base = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_POSTGRES_URL: postgresUrl };
  const started: ServiceProcess[] = [];
  let bus: Bus | undefined;
  let db: Db | undefined;
  const stopAll = async () => {
    await bus?.close();
    await db?.$client.end();
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
    const seckill = await startServiceProcess("seckill", {
      ...withUser,
      ...portsOf("inventory", inventory),
      ...portsOf("product", product),
      SHOP_SECKILL_PUBLIC_CACHE_MS: "100",
      SHOP_SECKILL_SWEEP_SECONDS: "1",
      ...(opts.redis && { SHOP_REDIS_URL: redisUrl }),
      ...opts.env,
    });
    started.push(seckill);
    const won: seckillv1.FlashSaleAttemptWon[] = [];
    const starting: seckillv1.FlashSaleStarting[] = [];
    bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${prefix}bus`, logger: createLogger("test", "silent") });
    await bus.subscribe("seckill-test", ["seckill.attempt_won"], (d) =>
      Promise.resolve(void won.push(fromBinary(seckillv1.FlashSaleAttemptWonSchema, d.payload))),
    );
    await bus.subscribe("seckill-test-starting", ["seckill.sale_starting"], (d) =>
      Promise.resolve(void starting.push(fromBinary(seckillv1.FlashSaleStartingSchema, d.payload))),
    );
    db = createDb(databaseUrl(postgresUrl, `${prefix}seckill`), 2);
    const seckillDb = db;

    const users = createClient(userv1.AuthService, connect(user.httpPort));
    const adminLogin = await users.login({ login: admin.username, password: admin.password });
    const asAdmin = bearer(adminLogin.accessToken);
    const shopper = async (name: string): Promise<Shopper> => {
      const r = await users.register({
        username: `${name}${process.pid}${randomBytes(2).toString("hex")}`,
        email: `${name}${process.pid}${randomBytes(2).toString("hex")}@example.com`,
        password: "correct horse battery",
        displayName: "",
      });
      const token = r.tokens!.accessToken;
      return { id: decodeJwt(token).sub!, as: bearer(token) };
    };
    const products = createClient(productv1.AdminCatalogService, connect(product.httpPort));
    const inventoryClient = createClient(inventoryv1.InventoryService, connect(inventory.httpPort));
    const category = await products.createCategory({ name: `Seckill test ${prefix}`, parentId: "" }, asAdmin);
    const adminClient = createClient(seckillv1.AdminFlashSaleService, connect(seckill.httpPort));
    return {
      sales: createClient(seckillv1.FlashSaleService, connect(seckill.httpPort)),
      admin: adminClient,
      inventory: inventoryClient,
      asAdmin,
      alice: await shopper("alice"),
      bob: await shopper("bob"),
      shopper,
      async sku(priceMinor, stock) {
        const created = await products.createProduct(
          {
            title: `Phone ${randomBytes(3).toString("hex")}`,
            categoryId: category.id,
            images: ["/img/phone.jpg"],
            skus: [{ priceMinor: BigInt(priceMinor), currency: "CNY", specs: [{ key: "colour", value: "black" }] }],
          },
          asAdmin,
        );
        await products.publishProduct({ productId: created.id }, asAdmin);
        const skuId = created.skus[0]!.id;
        await inventoryClient.setStock({ skuId, onHand: stock, reason: "test stock" }, asAdmin);
        return skuId;
      },
      schedule(skuId, quantity, startsInMs = 0) {
        const now = Date.now();
        return adminClient.scheduleFlashSale(
          {
            skuId,
            salePriceMinor: 990n,
            quantity,
            startsAt: timestampFromDate(new Date(now + startsInMs)),
            endsAt: timestampFromDate(new Date(now + startsInMs + 3_600_000)),
          },
          asAdmin,
        );
      },
      won,
      starting,
      async orderChanged(orderId, saleId, userId, to, reason = "") {
        const message = create(orderv1.OrderStatusChangedSchema, { orderId, number: v7(), userId, to, actor: "order", reason, flashSaleId: saleId });
        await enqueue(seckillDb, events.orderStatusChanged, message);
      },
      httpPort: seckill.httpPort,
      redisPrefix: `${prefix}seckill:`,
      async close() {
        await stopAll();
        await dropDatabases(prefix);
        rmSync(dataDir, { recursive: true, force: true });
        if (opts.redis) await dropRedisKeys(redisUrl, `${prefix}seckill:`);
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

export { rejectsWith } from "@shop/testkit/assert";
export { waitFor, sleep } from "@shop/testkit/wait";
