// Shared by the order service's tests: the real product service and the order service, each as its
// own process on databases of their own, and in-process TEST DOUBLES of the cart, the inventory's
// reservations, the user's addresses and the coupon service (test/fakes/), which the order service reaches through the
// static registry (SHOP_<SERVICE>_GRPC_PORT). Tokens are signed by a key made for the test file and
// pinned in both processes (SHOP_JWT_PUBLIC_KEYS), so no user service is needed.
// The test has its own handle on the bus (PostgreSQL, or RabbitMQ with `amqp`) to publish the
// payment service's events and to see what the order service publishes.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { events, orderv1, productv1, type EventType } from "@shop/contracts";
import { createAmqpBus } from "@shop/kit/bus/amqp";
import { decodeEvent } from "@shop/kit/bus/inbox";
import type { Bus } from "@shop/kit/bus/port";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import { databaseUrl } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { publishEvent } from "@shop/testkit/events";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { amqpUrl, deleteAmqpObjects, requireRabbitMq } from "@shop/testkit/rabbitmq";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { createTestTokens } from "@shop/testkit/tokens";
import { portsOf } from "@shop/testkit/user-service";
import pg from "pg";
import { v7 } from "uuid";
import { fakeAddresses, type FakeAddresses } from "./fakes/addresses.ts";
import { fakeCart, type FakeCart } from "./fakes/cart.ts";
import { fakeCoupons, type FakeCoupons } from "./fakes/coupons.ts";
import { fakeReservations, type FakeReservations } from "./fakes/reservations.ts";
import { serveFake, type FakeServer } from "./fakes/server.ts";

export interface OrderTestOptions {
  /** Extra variables of the order process (SHOP_ORDER_PAYMENT_TIMEOUT_SECONDS, …). */
  env?: Record<string, string>;
  /** Run the bus on RabbitMQ instead of PostgreSQL. */
  amqp?: boolean;
}

export interface OrderTest {
  order: ServiceProcess;
  shopper: Client<typeof orderv1.OrderService>;
  admin: Client<typeof orderv1.AdminOrderService>;
  internal: Client<typeof orderv1.OrderInternalService>;
  cart: FakeCart;
  addresses: FakeAddresses;
  reservations: FakeReservations;
  coupons: FakeCoupons;
  /** Call options of `userId` (a customer), with an Idempotency-Key when given. */
  as(userId: string, idempotencyKey?: string): Promise<CallOptions>;
  asAdmin: CallOptions;
  /** A product on sale (or not) with one SKU at `priceMinor`; returns the SKU id. */
  makeSku(priceMinor: number, opts?: { currency?: string; onSale?: boolean }): Promise<string>;
  /** A new shopper with `lines` selected in the cart and an address; returns the user and address ids. */
  shopperWith(lines: { skuId: string; quantity: number }[]): { userId: string; addressId: string };
  /** Publishes an event on the bus as its owning service would; returns the message id. */
  publish<Desc extends DescMessage>(event: EventType<Desc>, message: MessageShape<Desc>): Promise<string>;
  /** Every OrderRefundRequested the order service published since the start. */
  refunds: orderv1.OrderRefundRequested[];
  /** Messages of `group` not yet handled (and acknowledged) on the PostgreSQL bus, dead letters included. */
  pending(group: string): Promise<number>;
  /** A query on the order service's own database. */
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  /** SIGKILLs the order process and starts it again on the same databases. */
  restartOrder(opts?: { kill?: boolean }): Promise<void>;
  close(): Promise<void>;
}

const http1 = (port: number) => createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1" });

export async function startOrder(opts: OrderTestOptions = {}): Promise<OrderTest> {
  await requirePostgres();
  if (opts.amqp) await requireRabbitMq();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-order-test-"));
  const tokens = await createTestTokens();
  const [cart, addresses, reservations, coupons] = [fakeCart(), fakeAddresses(), fakeReservations(), fakeCoupons()];
  const servers: FakeServer[] = [];
  for (const fake of [cart, addresses, reservations, coupons]) servers.push(await serveFake(fake.routes));
  const [cartServer, addressServer, reservationServer, couponServer] = servers as [FakeServer, FakeServer, FakeServer, FakeServer];
  const base: Record<string, string> = {
    SHOP_DB_PREFIX: prefix,
    SHOP_DATA_DIR: dataDir,
    SHOP_POSTGRES_URL: postgresUrl,
    SHOP_JWT_PUBLIC_KEYS: JSON.stringify(tokens.jwks),
    SHOP_JWT_ISSUER: tokens.claims.issuer,
    SHOP_JWT_AUDIENCE: tokens.claims.audience,
    SHOP_CART_GRPC_PORT: String(cartServer.port),
    SHOP_USER_GRPC_PORT: String(addressServer.port),
    SHOP_INVENTORY_GRPC_PORT: String(reservationServer.port),
    SHOP_COUPON_GRPC_PORT: String(couponServer.port),
    ...(opts.amqp ? { SHOP_AMQP_URL: amqpUrl } : {}),
  };
  const product = await startServiceProcess("product", base);
  const orderEnv = { ...base, ...portsOf("product", product), ...opts.env };
  let order = await startServiceProcess("order", orderEnv);
  const logger = createLogger("order-test", "silent");
  const bus: Bus = opts.amqp
    ? await createAmqpBus({ url: amqpUrl, logger, connectionName: "order-test" })
    : await createPostgresBus({ serverUrl: postgresUrl, database: `${prefix}bus`, logger });
  const refunds: orderv1.OrderRefundRequested[] = [];
  const refundGroup = `order-test-${randomBytes(4).toString("hex")}`;
  await bus.subscribe(refundGroup, ["order.refund_requested"], (d) => Promise.resolve(void refunds.push(decodeEvent(orderv1.OrderRefundRequestedSchema, d))));
  const db = new pg.Client({ connectionString: databaseUrl(postgresUrl, `${prefix}order`) });
  await db.connect();
  const catalog = createClient(productv1.AdminCatalogService, http1(product.httpPort));
  const adminId = v7();
  const asAdmin = await tokens.as(adminId, ["customer", "admin"]);
  const category = await catalog.createCategory({ name: `Checkout ${prefix}` }, asAdmin);
  let skuCount = 0;
  const clients = () => ({
    shopper: createClient(orderv1.OrderService, http1(order.httpPort)),
    admin: createClient(orderv1.AdminOrderService, http1(order.httpPort)),
    internal: createClient(orderv1.OrderInternalService, http1(order.httpPort)),
  });
  const t: OrderTest = {
    order,
    ...clients(),
    cart,
    addresses,
    reservations,
    coupons,
    async as(userId, idempotencyKey) {
      const auth = await tokens.as(userId, ["customer"]);
      return idempotencyKey ? { headers: { ...(auth.headers as Record<string, string>), "idempotency-key": idempotencyKey } } : auth;
    },
    asAdmin,
    async makeSku(priceMinor, { currency = "EUR", onSale = true } = {}) {
      skuCount++;
      const p = await catalog.createProduct(
        {
          title: `Thing ${skuCount}`,
          categoryId: category.id,
          images: [`https://img.example.com/${skuCount}.jpg`],
          skus: [{ specs: [{ key: "size", value: "M" }], priceMinor: BigInt(priceMinor), currency }],
        },
        asAdmin,
      );
      if (onSale) await catalog.publishProduct({ productId: p.id }, asAdmin);
      return p.skus[0]!.id;
    },
    shopperWith(lines) {
      const userId = v7();
      cart.select(userId, lines);
      return { userId, addressId: addresses.add(userId) };
    },
    publish: (event, message) => publishEvent(bus, event, message),
    refunds,
    async pending(group) {
      if (opts.amqp) throw new Error("pending() reads the PostgreSQL bus");
      const busDb = new pg.Client({ connectionString: databaseUrl(postgresUrl, `${prefix}bus`) });
      await busDb.connect();
      try {
        const q = "select (select count(*) from bus_messages where grp = $1) + (select count(*) from bus_dead_letters where grp = $1) as n";
        return Number((await busDb.query<{ n: string }>(q, [group])).rows[0]!.n);
      } finally {
        await busDb.end();
      }
    },
    async sql<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      return (await db.query<R>(text, values)).rows;
    },
    async restartOrder({ kill = true } = {}) {
      await (kill ? order.kill() : order.stop());
      order = await startServiceProcess("order", orderEnv);
      Object.assign(t, { order }, clients());
    },
    async close() {
      await db.end();
      await bus.close();
      await order.stop();
      await product.stop();
      for (const s of servers) await s.close();
      if (opts.amqp) await deleteAmqpObjects(["order.payments", "order.stock", "order.coupons", "order.flash_sales", refundGroup], []).catch(() => undefined);
      await dropDatabases(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Decodes an event the order service wrote to its outbox (for checks of what it announced). */
export function outboxEvents<Desc extends DescMessage>(
  rows: { topic: string; type: string; payload: Buffer; id: string }[],
  event: EventType<Desc>,
): MessageShape<Desc>[] {
  return rows
    .filter((r) => r.topic === event.topic)
    .map((r) => decodeEvent(event.schema, { ...r, payload: r.payload, headers: {}, occurredAt: "", attempt: 1, group: "" }));
}

export { rejectsWith } from "@shop/testkit/assert";
export { waitFor } from "@shop/testkit/wait";

/** Every OrderStatusChanged of `orderId` the order service wrote to its outbox, oldest first. */
export async function statusEvents(t: OrderTest, orderId: string): Promise<orderv1.OrderStatusChanged[]> {
  const rows = await t.sql<{ id: string; topic: string; type: string; payload: Buffer }>("select id, topic, type, payload from kit_outbox order by seq");
  return outboxEvents(rows, events.orderStatusChanged).filter((e) => e.orderId === orderId);
}
