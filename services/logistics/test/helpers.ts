// Shared by the logistics service's tests: the real user service (tokens, with a first admin), the
// logistics service and a gateway in front of them, each as its own process on databases of its
// own. The test publishes the order service's events on the bus itself (the order service is not
// started: the event is the contract) and talks HTTP to the gateway, where the sandbox carrier also
// posts its webhooks (the gateway's port is chosen first).
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, toBinary } from "@bufbuild/protobuf";
import { events, logisticsv1, orderv1 } from "@shop/contracts";
import { decodeEvent } from "@shop/kit/bus/inbox";
import type { Bus } from "@shop/kit/bus/port";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import { databaseUrl } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { freePort } from "@shop/launcher/ports";
import { startServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { portsOf, startUserWithAdmin } from "@shop/testkit/user-service";
import { waitFor } from "@shop/testkit/wait";
import pg from "pg";
import { v7 } from "uuid";
import { client, register, type Answer, type Call } from "../../gateway/test/helpers.ts";

const admin = { username: "ship-admin", email: "ship-admin@example.com", password: "logistics admin secret" };
export const webhookSecret = "test-carrier-webhook-secret-0123456789";

export interface Shopper {
  id: string;
  access: string;
}

export interface LogisticsTest {
  call: Call;
  adminToken: string;
  shopper(): Promise<Shopper>;
  /** Publishes the order service's order.status_changed to SHIPPED for a new order of `who`; returns the order id. */
  ship(who: Shopper, carrier?: string, trackingNumber?: string): Promise<string>;
  /** The shipment of `orderId` through the gateway, once the logistics service has made it. */
  shipmentOf(who: Shopper, orderId: string): Promise<Record<string, unknown>>;
  /** Every ShipmentDelivered published since the start. */
  delivered: logisticsv1.ShipmentDelivered[];
  /** Stops the logistics process and starts it again on the same ports and databases. */
  restartLogistics(): Promise<void>;
  /** A query on the logistics service's own database. */
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** The Shop-Signature header for `body` at `t` (unix seconds), computed as docs/logistics.md says. */
export function signWebhook(body: string, t = Math.floor(Date.now() / 1000), secret = webhookSecret): string {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/** POSTs `body` to the gateway's sandbox carrier webhook route with `signature` (none when undefined). */
export function postWebhook(t: LogisticsTest, body: string, signature?: string): Promise<Answer> {
  return t.call("POST", "/api/v1/logistics/webhooks/sandbox", { raw: body, headers: signature === undefined ? {} : { "shop-signature": signature } });
}

/** A sandbox carrier event body for `shipment`. */
export function eventBody(shipment: { id: string; trackingNumber: string }, status: string, over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: `evt_test_${v7()}`,
    type: "tracking.updated",
    reference: shipment.id,
    tracking_number: shipment.trackingNumber,
    status,
    location: "Test hub",
    description: `test ${status}`,
    occurred_at: Math.floor(Date.now() / 1000),
    ...over,
  });
}

export async function startLogisticsTest(env: Record<string, string> = {}): Promise<LogisticsTest> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-logistics-test-"));
  const base = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_POSTGRES_URL: postgresUrl, SHOP_DB_POOL_MAX: "3" };
  // Run in reverse order of adding: the databases and the data folder go last.
  const stops: (() => Promise<unknown>)[] = [
    async () => {
      await dropDatabases(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  ];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const user = await startUserWithAdmin(base, admin);
    stops.push(() => user.stop());
    const gatewayPort = await freePort();
    const logisticsEnv = {
      ...base,
      ...portsOf("user", user),
      SHOP_GATEWAY_HTTP_PORT: String(gatewayPort),
      SHOP_LOGISTICS_SANDBOX_WEBHOOK_SECRET: webhookSecret,
      ...env,
    };
    let logistics = await startServiceProcess("logistics", logisticsEnv);
    stops.push(() => logistics.stop());
    const gateway = await startServiceProcess("gateway", {
      ...base,
      ...portsOf("user", user),
      ...portsOf("logistics", logistics),
      SHOP_GATEWAY_HTTP_PORT: String(gatewayPort),
      SHOP_GATEWAY_OPS_PORT: "0",
      SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "100000",
    });
    stops.push(() => gateway.stop());
    const call = client(gateway.httpPort);
    const login = await call("POST", "/api/v1/auth/login", { body: { login: admin.username, password: admin.password } });
    assert.equal(login.status, 200, login.text);
    const bus: Bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${prefix}bus`, logger: createLogger("logistics-test", "silent") });
    stops.push(() => bus.close());
    const delivered: logisticsv1.ShipmentDelivered[] = [];
    await bus.subscribe("logistics-test", [events.shipmentDelivered.topic], (d) =>
      Promise.resolve(void delivered.push(decodeEvent(logisticsv1.ShipmentDeliveredSchema, d))),
    );
    const db = new pg.Client({ connectionString: databaseUrl(postgresUrl, `${prefix}logistics`) });
    await db.connect();
    stops.push(() => db.end());
    let orders = 0;
    const t: LogisticsTest = {
      call,
      adminToken: login.json.accessToken as string,
      async shopper() {
        const u = await register(call);
        return { id: u.id, access: u.access };
      },
      async ship(who, carrier = "DHL", trackingNumber = `JD${process.pid}${++orders}`) {
        const orderId = v7();
        const message = create(orderv1.OrderStatusChangedSchema, {
          orderId,
          number: `20261125-${String(++orders).padStart(6, "0")}`,
          userId: who.id,
          from: orderv1.OrderStatus.PAID,
          to: orderv1.OrderStatus.SHIPPED,
          actor: "test-admin",
          reason: "shipped",
          carrier,
          trackingNumber,
        });
        const payload = toBinary(orderv1.OrderStatusChangedSchema, message);
        await bus.publish({
          id: v7(),
          topic: events.orderStatusChanged.topic,
          type: message.$typeName,
          payload,
          headers: {},
          occurredAt: new Date().toISOString(),
        });
        return orderId;
      },
      shipmentOf: (who, orderId) =>
        waitFor(`shipment of ${orderId}`, async () => {
          const res = await call("GET", `/api/v1/orders/${orderId}/shipment`, { token: who.access });
          return res.status === 200 ? res.json : undefined;
        }),
      delivered,
      async restartLogistics() {
        await logistics.stop();
        logistics = await startServiceProcess("logistics", { ...logisticsEnv, ...portsOf("logistics", logistics) });
      },
      async sql<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
        return (await db.query<R>(text, values)).rows;
      },
      close: stopAll,
    };
    return t;
  } catch (err) {
    await stopAll();
    throw err;
  }
}
