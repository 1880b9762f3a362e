// Shared by the coupon service's tests: the real product service (categories and products a scope
// names) and the coupon service, each as its own process on databases of their own. Tokens are
// signed by a key made for the test file and pinned in both processes (SHOP_JWT_PUBLIC_KEYS), so
// no user service is needed. The test has its own handle on the bus (PostgreSQL) to publish the
// order service's events.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type DescMessage, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { couponv1, productv1, type EventType } from "@shop/contracts";
import type { Bus } from "@shop/kit/bus/port";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import { databaseUrl } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { publishEvent } from "@shop/testkit/events";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { createTestTokens } from "@shop/testkit/tokens";
import { portsOf } from "@shop/testkit/user-service";
import pg from "pg";
import { v7 } from "uuid";

export interface CouponTest {
  coupon: ServiceProcess;
  shopper: Client<typeof couponv1.CouponService>;
  admin: Client<typeof couponv1.AdminCouponService>;
  /** The internal service (these tests call from loopback: internal without a token). */
  internal: Client<typeof couponv1.CouponInternalService>;
  catalog: Client<typeof productv1.AdminCatalogService>;
  /** Call options of `userId` (a customer), with an Idempotency-Key when given. */
  as(userId: string, idempotencyKey?: string): Promise<CallOptions>;
  asAdmin: CallOptions;
  /** A template made by the admin: active for a day, 100 coupons, 1 per shopper, 5.00 EUR off everything, unless told otherwise. */
  makeTemplate(t?: TemplateInput): Promise<couponv1.CouponTemplate>;
  /** Publishes an event on the bus as its owning service would; returns the message id. */
  publish<Desc extends DescMessage>(event: EventType<Desc>, message: MessageShape<Desc>): Promise<string>;
  /** A query on the coupon service's own database. */
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export type TemplateInput = Omit<MessageInitShape<typeof couponv1.CreateCouponTemplateRequestSchema>, "validFrom" | "validUntil" | "$typeName"> & {
  validFrom?: Date;
  validUntil?: Date;
};

const http1 = (port: number) => createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1" });
const hour = 3_600_000;

export async function startCoupon(env: Record<string, string> = {}): Promise<CouponTest> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-coupon-test-"));
  const tokens = await createTestTokens();
  const base: Record<string, string> = {
    SHOP_DB_PREFIX: prefix,
    SHOP_DATA_DIR: dataDir,
    SHOP_POSTGRES_URL: postgresUrl,
    SHOP_JWT_PUBLIC_KEYS: JSON.stringify(tokens.jwks),
    SHOP_JWT_ISSUER: tokens.claims.issuer,
    SHOP_JWT_AUDIENCE: tokens.claims.audience,
  };
  const product = await startServiceProcess("product", base);
  let coupon: ServiceProcess;
  try {
    // The category tree is asked every time: tests add categories between calls.
    coupon = await startServiceProcess("coupon", { ...base, ...portsOf("product", product), SHOP_COUPON_CATEGORY_CACHE_SECONDS: "0", ...env });
  } catch (err) {
    await product.stop();
    throw err;
  }
  const bus: Bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${prefix}bus`, logger: createLogger("coupon-test", "silent") });
  const db = new pg.Client({ connectionString: databaseUrl(postgresUrl, `${prefix}coupon`) });
  await db.connect();
  const asAdmin = await tokens.as(v7(), ["customer", "admin"]);
  const admin = createClient(couponv1.AdminCouponService, http1(coupon.httpPort));
  return {
    coupon,
    shopper: createClient(couponv1.CouponService, http1(coupon.httpPort)),
    admin,
    internal: createClient(couponv1.CouponInternalService, http1(coupon.httpPort)),
    catalog: createClient(productv1.AdminCatalogService, http1(product.httpPort)),
    async as(userId, idempotencyKey) {
      const auth = await tokens.as(userId, ["customer"]);
      return idempotencyKey ? { headers: { ...(auth.headers as Record<string, string>), "idempotency-key": idempotencyKey } } : auth;
    },
    asAdmin,
    makeTemplate({ validFrom = new Date(Date.now() - hour), validUntil = new Date(Date.now() + 24 * hour), ...t } = {}) {
      return admin.createCouponTemplate(
        {
          name: "Five off",
          kind: couponv1.CouponKind.FIXED_AMOUNT,
          currency: "EUR",
          amountOffMinor: 500n,
          totalQuantity: 100,
          perUserLimit: 1,
          scope: couponv1.CouponScope.ALL,
          ...t,
          validFrom: timestampFromDate(validFrom),
          validUntil: timestampFromDate(validUntil),
        },
        asAdmin,
      );
    },
    publish: (event, message) => publishEvent(bus, event, message),
    async sql<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      return (await db.query<R>(text, values)).rows;
    },
    async close() {
      await db.end();
      await bus.close();
      await coupon.stop();
      await product.stop();
      await dropDatabases(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { rejectsWith } from "@shop/testkit/assert";
export { waitFor } from "@shop/testkit/wait";
