// Shared by the review service's tests: the real product service (it keeps the rating figures the
// review service announces), the real file service (a review's photos are checked there) and the
// review service, each as its own process on databases of their own. Tokens are signed by a key made for the test file and pinned in both processes, so no user
// service is needed. The test publishes the order service's events on the bus (PostgreSQL) itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { events, filev1, orderv1, productv1, reviewv1, type EventType } from "@shop/contracts";
import type { Bus } from "@shop/kit/bus/port";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import { databaseUrl } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { publishEvent } from "@shop/testkit/events";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { portsOf } from "@shop/testkit/user-service";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { createTestTokens } from "@shop/testkit/tokens";
import { waitFor } from "@shop/testkit/wait";
import pg from "pg";
import sharp from "sharp";
import { v7 } from "uuid";

export interface ReviewTest {
  shopper: Client<typeof reviewv1.ReviewService>;
  reviews: Client<typeof reviewv1.ProductReviewService>;
  admin: Client<typeof reviewv1.AdminReviewService>;
  catalog: Client<typeof productv1.CatalogService>;
  /** Call options of `userId` (a customer), with an Idempotency-Key when given. */
  as(userId: string, idempotencyKey?: string): Promise<CallOptions>;
  asAdmin: CallOptions;
  /** A published product with one SKU. */
  makeProduct(): Promise<{ productId: string; skuId: string }>;
  /** Publishes order.status_changed for an order of `userId` holding these lines, as the order service does; returns the order id. */
  orderReached(to: orderv1.OrderStatus, userId: string, items: { productId: string; skuId: string }[], orderId?: string): Promise<string>;
  /** Publishes an event on the bus as its owning service would. */
  publish<Desc extends DescMessage>(event: EventType<Desc>, message: MessageShape<Desc>): Promise<void>;
  /** Uploads a new 8x8 PNG (a colour of its own) to the file service as `userId`, for `purpose` (an admin then, for a product). */
  upload(userId: string, purpose?: filev1.Purpose): Promise<filev1.File>;
  /** Stops the file service for good (the review service then cannot check photos). */
  stopFiles(): Promise<void>;
  /** Waits until the review service has recorded the order's lines. */
  reviewable(userId: string, orderId: string): Promise<void>;
  /** A query on the review service's own database. */
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

const http1 = (port: number) => createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1" });

export async function startReview(): Promise<ReviewTest> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-review-test-"));
  const tokens = await createTestTokens();
  const base: Record<string, string> = {
    SHOP_DB_PREFIX: prefix,
    SHOP_DATA_DIR: dataDir,
    SHOP_POSTGRES_URL: postgresUrl,
    SHOP_DB_POOL_MAX: "4",
    SHOP_JWT_PUBLIC_KEYS: JSON.stringify(tokens.jwks),
    SHOP_JWT_ISSUER: tokens.claims.issuer,
    SHOP_JWT_AUDIENCE: tokens.claims.audience,
  };
  const product = await startServiceProcess("product", base);
  let file: ServiceProcess | undefined;
  let review: ServiceProcess;
  try {
    file = await startServiceProcess("file", base);
    review = await startServiceProcess("review", { ...base, ...portsOf("file", file) });
  } catch (err) {
    await file?.stop();
    await product.stop();
    throw err;
  }
  let fileRunning = true;
  const bus: Bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${prefix}bus`, logger: createLogger("review-test", "silent") });
  const db = new pg.Client({ connectionString: databaseUrl(postgresUrl, `${prefix}review`) });
  await db.connect();
  const asAdmin = await tokens.as(v7(), ["customer", "admin"]);
  const adminCatalog = createClient(productv1.AdminCatalogService, http1(product.httpPort));
  const shopper = createClient(reviewv1.ReviewService, http1(review.httpPort));
  const as = async (userId: string, idempotencyKey?: string): Promise<CallOptions> => {
    const auth = await tokens.as(userId, ["customer"]);
    return idempotencyKey ? { headers: { ...(auth.headers as Record<string, string>), "idempotency-key": idempotencyKey } } : auth;
  };
  const files = createClient(filev1.FileService, http1(file.httpPort));
  let colour = 0;
  let category: string | undefined;
  const publish = async <Desc extends DescMessage>(event: EventType<Desc>, message: MessageShape<Desc>) => void (await publishEvent(bus, event, message));
  return {
    shopper,
    reviews: createClient(reviewv1.ProductReviewService, http1(review.httpPort)),
    admin: createClient(reviewv1.AdminReviewService, http1(review.httpPort)),
    catalog: createClient(productv1.CatalogService, http1(product.httpPort)),
    as,
    asAdmin,
    async makeProduct() {
      category ??= (await adminCatalog.createCategory({ name: "Teapots" }, asAdmin)).id;
      const made = await adminCatalog.createProduct({ title: `Teapot ${v7()}`, categoryId: category, skus: [{ priceMinor: 2500n, currency: "EUR" }] }, asAdmin);
      await adminCatalog.publishProduct({ productId: made.id }, asAdmin);
      return { productId: made.id, skuId: made.skus[0]!.id };
    },
    async orderReached(to, userId, items, orderId = v7()) {
      const message = create(orderv1.OrderStatusChangedSchema, {
        orderId,
        number: "20261125-000001",
        userId,
        from: orderv1.OrderStatus.SHIPPED,
        to,
        actor: userId,
        items: items.map((i) => ({ ...i, quantity: 1 })),
      });
      await publish(events.orderStatusChanged, message);
      return orderId;
    },
    publish,
    async upload(userId, purpose = filev1.Purpose.REVIEW) {
      colour += 1;
      const background = `#${((process.pid * 7919 + colour) % 0xffffff).toString(16).padStart(6, "0")}`;
      const data = await sharp({ create: { width: 8, height: 8, channels: 3, background } })
        .png()
        .toBuffer();
      const options = purpose === filev1.Purpose.PRODUCT ? await tokens.as(userId, ["customer", "admin"]) : await as(userId);
      return (await files.uploadFile({ purpose, data }, options)).file!;
    },
    async stopFiles() {
      fileRunning = false;
      await file.stop();
    },
    async reviewable(userId, orderId) {
      const options = await as(userId);
      await waitFor(`order ${orderId} reviewable`, async () => {
        const { lines } = await shopper.listReviewableLines({}, options);
        return lines.some((l) => l.orderId === orderId) || undefined;
      });
    },
    async sql<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      return (await db.query<R>(text, values)).rows;
    },
    async close() {
      await db.end();
      await bus.close();
      await review.stop();
      if (fileRunning) await file.stop();
      await product.stop();
      await dropDatabases(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { rejectsWith } from "@shop/testkit/assert";
export { waitFor };
