// Shared by the payment service's tests: the real user service (tokens, with a first admin), a
// TEST DOUBLE of the order service (test/fakes/order-service.ts), the payment service and a
// gateway in front of them, each service as its own process on databases of its own. The sandbox
// posts its webhooks to this gateway (whose port is chosen first), as it would in a running shop.
// Swapping in the real order service: start services/order with the same prefix and pass its
// ports (portsOf("order", …)) to the payment service instead of the double's `env`.
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { paymentv1, userv1 } from "@shop/contracts";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import type { Bus, Delivery } from "@shop/kit/bus/port";
import { databaseUrl } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { freePort } from "@shop/launcher/ports";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { portsOf, startUserWithAdmin } from "@shop/testkit/user-service";
import { decodeJwt } from "jose";
import pg from "pg";
import { startFakeOrderService, type FakeOrderService } from "./fakes/order-service.ts";

const admin = { username: "pay-admin", email: "pay-admin@example.com", password: "payment admin secret" };
export const webhookSecret = "test-sandbox-webhook-secret-0123456789";

export interface Shopper {
  id: string;
  as: CallOptions;
}

export interface PaymentTest {
  prefix: string;
  orders: FakeOrderService;
  payment: ServiceProcess;
  gateway: ServiceProcess;
  /** http://127.0.0.1:<gateway port> */
  gatewayUrl: string;
  payments: Client<typeof paymentv1.PaymentService>;
  admin: Client<typeof paymentv1.AdminPaymentService>;
  provider: Client<typeof paymentv1.PaymentProviderService>;
  wallet: Client<typeof paymentv1.WalletService>;
  adminWallet: Client<typeof paymentv1.AdminWalletService>;
  asAdmin: CallOptions;
  /** A freshly registered shopper. */
  shopper(): Promise<Shopper>;
  /** A query on the payment service's own database. */
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  close(): Promise<void>;
}

const bearer = (token: string): CallOptions => ({ headers: { authorization: `Bearer ${token}` } });

/** The Shop-Signature header for `body` at `t` (unix seconds), computed as the README says. */
export function signWebhook(body: string, t = Math.floor(Date.now() / 1000), secret = webhookSecret): string {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

export async function startPaymentTest(): Promise<PaymentTest> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-payment-test-"));
  const base = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_POSTGRES_URL: postgresUrl };
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
    const orders = await startFakeOrderService();
    stops.push(() => orders.close());
    const user = await startUserWithAdmin(base, admin);
    stops.push(() => user.stop());
    const gatewayPort = await freePort();
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const payment = await startServiceProcess("payment", {
      ...base,
      ...portsOf("user", user),
      ...orders.env,
      SHOP_PAYMENT_PUBLIC_URL: gatewayUrl,
      SHOP_PAYMENT_SANDBOX_WEBHOOK_URL: `${gatewayUrl}/api/v1/payments/webhooks/sandbox`,
      SHOP_PAYMENT_SANDBOX_WEBHOOK_SECRET: webhookSecret,
    });
    stops.push(() => payment.stop());
    const gateway = await startServiceProcess("gateway", {
      ...base,
      ...portsOf("user", user),
      ...portsOf("payment", payment),
      SHOP_GATEWAY_HTTP_PORT: String(gatewayPort),
      SHOP_GATEWAY_OPS_PORT: "0",
      SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "100000",
    });
    stops.push(() => gateway.stop());
    const transport = createConnectTransport({ baseUrl: `http://127.0.0.1:${payment.httpPort}`, httpVersion: "1.1" });
    const users = createClient(userv1.AuthService, createConnectTransport({ baseUrl: `http://127.0.0.1:${user.httpPort}`, httpVersion: "1.1" }));
    const adminLogin = await users.login({ login: admin.username, password: admin.password });
    const db = new pg.Client({ connectionString: databaseUrl(postgresUrl, `${prefix}payment`) });
    await db.connect();
    stops.push(() => db.end());
    let shoppers = 0;
    return {
      prefix,
      orders,
      payment,
      gateway,
      gatewayUrl,
      payments: createClient(paymentv1.PaymentService, transport),
      admin: createClient(paymentv1.AdminPaymentService, transport),
      provider: createClient(paymentv1.PaymentProviderService, transport),
      wallet: createClient(paymentv1.WalletService, transport),
      adminWallet: createClient(paymentv1.AdminWalletService, transport),
      asAdmin: bearer(adminLogin.accessToken),
      async shopper() {
        const name = `payer${process.pid}x${++shoppers}`;
        const res = await users.register({ username: name, email: `${name}@example.com`, password: "correct horse battery", displayName: "" });
        const token = res.tokens!.accessToken;
        return { id: decodeJwt(token).sub!, as: bearer(token) };
      },
      sql: (text, values) => db.query(text, values),
      close: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** POSTs `body` to the gateway's sandbox webhook route with `signature` (none when undefined). */
export async function postWebhook(t: PaymentTest, body: string, signature?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== undefined) headers["shop-signature"] = signature;
  const res = await fetch(`${t.gatewayUrl}/api/v1/payments/webhooks/sandbox`, { method: "POST", headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A sandbox event body for `payment` (its amount and currency unless overridden). */
export function eventBody(
  payment: { id: string; amountMinor: bigint; currency: string },
  over: Partial<{ id: string; type: string; amount_minor: number; currency: string; refund_id: string }> = {},
): string {
  return JSON.stringify({
    id: `evt_test_${Math.random().toString(36).slice(2)}`,
    type: "payment.succeeded",
    payment_id: payment.id,
    amount_minor: Number(payment.amountMinor),
    currency: payment.currency,
    provider_reference: "sbx_test",
    created: Math.floor(Date.now() / 1000),
    ...over,
  });
}

/** The test stack's bus, and what a group of the test's own receives on `topics` (the service's outbox events). */
export async function watchBus(t: PaymentTest, group: string, topics: string[]): Promise<{ bus: Bus; received: Delivery[] }> {
  const bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${t.prefix}bus`, logger: createLogger("test", "silent") });
  const received: Delivery[] = [];
  await bus.subscribe(group, topics, (d) => Promise.resolve(void received.push(d)));
  return { bus, received };
}

export { rejectsWith } from "@shop/testkit/assert";
