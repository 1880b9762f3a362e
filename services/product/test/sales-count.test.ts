// Sales counts: a paid order's order.status_changed adds its quantities to its products' counts,
// once per message however often it is delivered, never taken back, and the best-selling order of
// the list and of search follows (through product.changed: the index and the caches).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { create, toBinary } from "@bufbuild/protobuf";
import { events, orderv1, productv1 } from "@shop/contracts";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import type { Bus } from "@shop/kit/bus/port";
import { createLogger } from "@shop/kit/log";
import { postgresUrl } from "@shop/testkit/servers";
import { waitFor } from "@shop/testkit/wait";
import pg from "pg";
import { v7 } from "uuid";
import { makeCategory, makeProduct, sku, startCatalog, unique, type CatalogTest } from "./helpers.ts";

const S = orderv1.OrderStatus;
const group = "product.sales";

void describe("product service: sales counts from paid orders", () => {
  let t: CatalogTest;
  let bus: Bus;
  let busDb: pg.Client;
  let category: productv1.Category;
  let kettle: productv1.Product;
  let teapot: productv1.Product;

  before(async () => {
    t = await startCatalog();
    bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${t.prefix}bus`, logger: createLogger("sales-test", "silent") });
    busDb = new pg.Client({ connectionString: new URL(`/${t.prefix}bus`, postgresUrl).toString() });
    await busDb.connect();
    category = await makeCategory(t, unique("Kitchen"));
    kettle = await makeProduct(t, { title: "Copper kettle", categoryId: category.id, skus: [sku(3000), sku(3500)] });
    teapot = await makeProduct(t, { title: "Copper teapot", categoryId: category.id });
  });
  after(async () => {
    await busDb?.end();
    await bus?.close();
    await t?.close();
  });

  const item = (p: productv1.Product, i: number, quantity: number) => create(orderv1.OrderedItemSchema, { skuId: p.skus[i]!.id, productId: p.id, quantity });

  /** Publishes an order.status_changed as the order service's outbox would; returns its id. */
  async function publish(from: orderv1.OrderStatus, to: orderv1.OrderStatus, items: orderv1.OrderedItem[], id = v7()): Promise<string> {
    const message = create(orderv1.OrderStatusChangedSchema, { orderId: v7(), number: "T-1", userId: v7(), from, to, actor: "test", reason: "", items });
    const payload = toBinary(events.orderStatusChanged.schema, message);
    await bus.publish({
      id,
      topic: events.orderStatusChanged.topic,
      type: events.orderStatusChanged.schema.typeName,
      payload,
      headers: {},
      occurredAt: new Date().toISOString(),
    });
    return id;
  }

  /** Waits until the sales group has handled everything published to it (acknowledged, none dead). */
  async function drained(): Promise<void> {
    await waitFor("the sales consumer to drain its queue", async () => {
      const pending = await busDb.query<{ n: number }>("select count(*)::int as n from bus_messages where grp = $1", [group]);
      return pending.rows[0]!.n === 0;
    });
    const dead = await busDb.query<{ n: number }>("select count(*)::int as n from bus_dead_letters where grp = $1", [group]);
    assert.equal(dead.rows[0]!.n, 0, "no message failed");
  }

  const salesOf = async (p: productv1.Product) => (await t.catalog.getProduct({ productId: p.id })).salesCount;
  const counts = async () => [await salesOf(kettle), await salesOf(teapot)];
  /** The counts in the database: unlike a cached answer, a wrong count would show here at once. */
  const stored = async () => {
    const { rows } = await t.sql("select id, sales_count::int as n from products where id = any($1::uuid[])", [[kettle.id, teapot.id]]);
    return [kettle.id, teapot.id].map((id) => (rows as { id: string; n: number }[]).find((r) => r.id === id)?.n);
  };

  void it("adds a paid order's quantities to its products, once however often it is delivered", async () => {
    assert.deepEqual(await counts(), [0n, 0n], "cached at zero before the order");
    const id = await publish(S.AWAITING_PAYMENT, S.PAID, [item(kettle, 0, 2), item(kettle, 1, 3), item(teapot, 0, 1)]);
    await waitFor("the counts to show", async () => (await salesOf(kettle)) === 5n && (await salesOf(teapot)) === 1n);
    await drained();
    await publish(S.AWAITING_PAYMENT, S.PAID, [item(kettle, 0, 2), item(kettle, 1, 3), item(teapot, 0, 1)], id);
    await drained();
    assert.deepEqual(await stored(), [5, 1], "the redelivered message counted once");
    const [inbox] = (await t.sql("select count(*)::int as n from kit_inbox where grp = $1 and message_id = $2", [group, id])).rows as { n: number }[];
    assert.equal(inbox!.n, 1, "the inbox remembers the message");
    assert.deepEqual(await counts(), [5n, 1n]);
  });

  void it("counts only payment: other transitions, and cancelling a paid order, change nothing", async () => {
    const before = await stored();
    await publish(S.PENDING, S.AWAITING_PAYMENT, [item(teapot, 0, 9)]);
    await publish(S.AWAITING_PAYMENT, S.CANCELLED, [item(teapot, 0, 9)]);
    await publish(S.PAID, S.CANCELLED, [item(kettle, 0, 2)]);
    await publish(S.PAID, S.SHIPPED, [item(kettle, 0, 2)]);
    await drained();
    assert.deepEqual(await stored(), before);
  });

  void it("orders the best sellers by the counts, in the list and in search", async () => {
    const bestFirst = async () =>
      (await t.catalog.listProducts({ categoryId: category.id, sort: productv1.ProductSort.BEST_SELLING })).products.map((p) => p.id);
    const searchedBestFirst = async () => (await t.search.search({ q: "copper", sort: productv1.ProductSort.BEST_SELLING })).hits.map((h) => h.product!.id);
    await waitFor("the search index to have the kettle first", async () => (await searchedBestFirst()).join() === [kettle.id, teapot.id].join());
    assert.deepEqual(await bestFirst(), [kettle.id, teapot.id]);
    await publish(S.AWAITING_PAYMENT, S.PAID, [item(teapot, 0, 10)]);
    await waitFor("the teapot to lead the list", async () => (await bestFirst()).join() === [teapot.id, kettle.id].join());
    await waitFor("the teapot to lead the search", async () => (await searchedBestFirst()).join() === [teapot.id, kettle.id].join());
    assert.equal(await salesOf(teapot), 11n);
  });
});
