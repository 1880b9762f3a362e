// The inventory service in process: its routes behind the kit's interceptors on an in-memory
// transport, over a real PostgreSQL database of this file's own. The same rules the process tests
// check end to end, here at the speed of a function call (see packages/testkit/src/in-process.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fromBinary } from "@bufbuild/protobuf";
import { Code, createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { events, inventoryv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import { rejectsWith } from "@shop/testkit/assert";
import { createTestDb, inProcessTransport, type TestDb } from "@shop/testkit/in-process";
import { createTestTokens } from "@shop/testkit/tokens";
import { sql } from "drizzle-orm";
import { v7 } from "uuid";
import { routes } from "../src/app.ts";

const migrations = new URL("../migrations", import.meta.url).pathname;
const adminId = v7();

void describe("inventory in process", () => {
  let t: TestDb;
  let client: Client<typeof inventoryv1.InventoryService>;
  let asAdmin: CallOptions;
  let asCustomer: CallOptions;

  before(async () => {
    t = await createTestDb("inventory", migrations);
    const tokens = await createTestTokens();
    client = createClient(inventoryv1.InventoryService, inProcessTransport(routes({ db: t.db }), { db: t.db, verifyToken: tokens.verifyToken }));
    asAdmin = await tokens.as(adminId, ["customer", "admin"]);
    asCustomer = await tokens.as(v7(), ["customer"]);
  });
  after(() => t?.close());

  const countOf = async (query: ReturnType<typeof sql>) => (await t.db.execute<{ n: number }>(query)).rows[0]!.n;
  const movementsOf = (skuId: string) => countOf(sql`select count(*)::int as n from stock_movements where sku_id = ${skuId}::uuid`);
  const outboxSize = () => countOf(sql`select count(*)::int as n from kit_outbox`);

  void it("sets and adjusts stock, records who did it, and announces each change through the outbox", async () => {
    const sku = v7();
    const outboxBefore = await outboxSize();
    assert.deepEqual(await client.setStock({ skuId: sku, onHand: 10, reason: "delivery" }, asAdmin).then((s) => [s.onHand, s.available]), [10, 10]);
    assert.deepEqual(await client.adjustStock({ skuId: sku, delta: -3, reason: "sold in shop" }, asAdmin).then((s) => [s.onHand, s.available]), [7, 7]);
    const movements = await client.listMovements({ skuId: sku }, asAdmin);
    assert.deepEqual(
      movements.movements.map((m) => [m.onHandDelta, m.actor, m.reason]),
      [
        [-3, adminId, "sold in shop"],
        [10, adminId, "delivery"],
      ],
    );
    const { rows } = await t.db.execute<{ topic: string; payload: Buffer }>(sql`select topic, payload from kit_outbox order by id desc limit 2`);
    assert.equal(await outboxSize(), outboxBefore + 2);
    assert.deepEqual(
      rows.map((r) => r.topic),
      [events.stockChanged.topic, events.stockChanged.topic],
    );
    assert.deepEqual(
      rows.map((r) => fromBinary(inventoryv1.StockChangedSchema, r.payload)).map((e) => [e.skuId, e.onHand, e.available]),
      [
        [sku, 7, 7],
        [sku, 10, 10],
      ],
    );
  });

  void it("serves availability to anyone, and the rest to admins only", async () => {
    const sku = v7();
    await client.setStock({ skuId: sku, onHand: 4, reason: "delivery" }, asAdmin);
    const levels = await client.getAvailability({ skuIds: [sku, v7()] });
    assert.deepEqual(
      levels.levels.map((l) => l.available),
      [4, 0],
    );
    await rejectsWith(client.getStock({ skuId: sku }), Code.Unauthenticated, "TOKEN_MISSING");
    await rejectsWith(client.setStock({ skuId: sku, onHand: 1, reason: "mine now" }, asCustomer), Code.PermissionDenied, "ADMIN_REQUIRED");
    await rejectsWith(client.getStock({ skuId: sku }, { headers: { authorization: "Bearer forged" } }), Code.Unauthenticated, "TOKEN_INVALID");
    assert.equal((await client.getStock({ skuId: sku }, asAdmin)).onHand, 4);
  });

  void it("refuses bad input before any handler runs", async () => {
    await rejectsWith(client.setStock({ skuId: "not-a-uuid", onHand: 1, reason: "x" }, asAdmin), Code.InvalidArgument, "INVALID_INPUT");
    const err = await rejectsWith(client.adjustStock({ skuId: v7(), delta: 0, reason: "x" }, asAdmin), Code.InvalidArgument, "INVALID_INPUT");
    assert.equal(errorDetailOf(err)?.violations[0]?.field, "delta");
  });

  void it("refuses an oversell with the stock left as it was, even between concurrent writers", async () => {
    const sku = v7();
    await client.setStock({ skuId: sku, onHand: 10, reason: "delivery" }, asAdmin);
    await t.db.execute(sql`update stock set reserved = 4 where sku_id = ${sku}::uuid`);
    const err = await rejectsWith(client.adjustStock({ skuId: sku, delta: -7, reason: "write-off" }, asAdmin), Code.FailedPrecondition, "INSUFFICIENT_STOCK");
    assert.deepEqual(errorDetailOf(err)?.metadata, { skuId: sku, available: "6" });
    assert.deepEqual([(await client.getStock({ skuId: sku }, asAdmin)).onHand, await movementsOf(sku)], [10, 1]);
    await t.db.execute(sql`update stock set reserved = 0 where sku_id = ${sku}::uuid`);
    const tries = await Promise.allSettled(Array.from({ length: 20 }, () => client.adjustStock({ skuId: sku, delta: -1, reason: "sold" }, asAdmin)));
    assert.equal(tries.filter((r) => r.status === "fulfilled").length, 10);
    assert.deepEqual([(await client.getStock({ skuId: sku }, asAdmin)).onHand, await movementsOf(sku)], [0, 11]);
  });

  void it("pages movements with tokens bound to the SKU, and refuses any other token with a 400", async () => {
    const sku = v7();
    for (let i = 1; i <= 5; i++) await client.adjustStock({ skuId: sku, delta: i, reason: `delivery ${i}` }, asAdmin);
    const seen: number[] = [];
    let pageToken = "";
    do {
      const page = await client.listMovements({ skuId: sku, pageSize: 2, pageToken }, asAdmin);
      seen.push(...page.movements.map((m) => m.onHandDelta));
      pageToken = page.nextPageToken;
      if (pageToken) await rejectsWith(client.listMovements({ skuId: v7(), pageToken }, asAdmin), Code.InvalidArgument, "INVALID_PAGE_TOKEN");
    } while (pageToken);
    assert.deepEqual(seen, [5, 4, 3, 2, 1]);
    await rejectsWith(client.listMovements({ skuId: sku, pageToken: "garbage" }, asAdmin), Code.InvalidArgument, "INVALID_PAGE_TOKEN");
  });

  void it("applies a retried change with the same Idempotency-Key once", async () => {
    const sku = v7();
    const keyed = { headers: { ...(asAdmin.headers as Record<string, string>), "idempotency-key": `restock-${sku}` } };
    const first = await client.adjustStock({ skuId: sku, delta: 5, reason: "delivery" }, keyed);
    const again = await client.adjustStock({ skuId: sku, delta: 5, reason: "delivery" }, keyed);
    assert.deepEqual([first.onHand, again.onHand], [5, 5]);
    assert.equal(await movementsOf(sku), 1);
  });
});
