// Shared by the notification service's tests: the real user service (shoppers and their emails) and
// the notification service, each as its own process on databases of their own. The notification
// service's tokens are signed by a key made for the test file and pinned (SHOP_JWT_PUBLIC_KEYS).
// The test has its own handle on the bus (PostgreSQL) to publish the other services' events.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { notificationv1, userv1, type EventType } from "@shop/contracts";
import type { Bus } from "@shop/kit/bus/port";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import { databaseUrl } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { publishEvent } from "@shop/testkit/events";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { createTestTokens } from "@shop/testkit/tokens";
import { fastHashing, portsOf } from "@shop/testkit/user-service";
import pg from "pg";
import { v7 } from "uuid";

export interface NotificationTest {
  service: ServiceProcess;
  inbox: Client<typeof notificationv1.NotificationService>;
  admin: Client<typeof notificationv1.AdminNotificationService>;
  /** A new shopper registered on the user service: id and email. */
  newShopper(): Promise<{ id: string; email: string }>;
  as(userId: string): Promise<CallOptions>;
  asAdmin: CallOptions;
  /** Publishes an event on the bus as its owning service would; `id` given to redeliver one. */
  publish<Desc extends DescMessage>(event: EventType<Desc>, message: MessageShape<Desc>, id?: string): Promise<string>;
  /** A query on the notification service's own database. */
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

const http1 = (port: number) => createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1" });
let counter = 0;

export async function startNotification(env: Record<string, string> = {}): Promise<NotificationTest> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-notification-test-"));
  const tokens = await createTestTokens();
  const base = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_POSTGRES_URL: postgresUrl, SHOP_DB_POOL_MAX: "4" };
  const user = await startServiceProcess("user", { ...base, ...fastHashing });
  let service: ServiceProcess;
  try {
    service = await startServiceProcess("notification", {
      ...base,
      ...portsOf("user", user),
      SHOP_JWT_PUBLIC_KEYS: JSON.stringify(tokens.jwks),
      SHOP_JWT_ISSUER: tokens.claims.issuer,
      SHOP_JWT_AUDIENCE: tokens.claims.audience,
      SHOP_NOTIFICATION_DELIVERY_INTERVAL_SECONDS: "0.1",
      SHOP_NOTIFICATION_RETRY_BASE_SECONDS: "0.2",
      SHOP_NOTIFICATION_RETRY_MAX_SECONDS: "0.5",
      ...env,
    });
  } catch (err) {
    await user.stop();
    throw err;
  }
  const bus: Bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${prefix}bus`, logger: createLogger("notification-test", "silent") });
  const db = new pg.Client({ connectionString: databaseUrl(postgresUrl, `${prefix}notification`) });
  await db.connect();
  const auth = createClient(userv1.AuthService, http1(user.httpPort));
  return {
    service,
    inbox: createClient(notificationv1.NotificationService, http1(service.httpPort)),
    admin: createClient(notificationv1.AdminNotificationService, http1(service.httpPort)),
    async newShopper() {
      const name = `n${process.pid}x${++counter}`;
      const res = await auth.register({ username: name, email: `${name}@example.com`, password: "correct-horse-battery" });
      return { id: res.user!.id, email: res.user!.email };
    },
    as: (userId) => tokens.as(userId, ["customer"]),
    asAdmin: await tokens.as(v7(), ["customer", "admin"]),
    publish: (event, message, id) => publishEvent(bus, event, message, id),
    async sql<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      return (await db.query<R>(text, values)).rows;
    },
    async close() {
      await db.end();
      await bus.close();
      await service.stop();
      await user.stop();
      await dropDatabases(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { rejectsWith } from "@shop/testkit/assert";
export { waitFor } from "@shop/testkit/wait";
