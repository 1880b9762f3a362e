// Idempotency-Key, exactly once (packages/kit/src/rpc/idempotency.ts), seen through AdjustStock: a
// change that is wrong to apply twice. The work and the stored answer commit together; a claim
// whose owner died is taken over after its lease; duplicates running at once do the work once.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { rejectsWith } from "@shop/testkit/assert";
import { createTestDb, inProcessTransport, type TestDb } from "@shop/testkit/in-process";
import { createTestTokens } from "@shop/testkit/tokens";
import { sql } from "drizzle-orm";
import { v7 } from "uuid";
import { routes } from "../src/app.ts";

const migrations = new URL("../migrations", import.meta.url).pathname;
const adminId = v7();

void describe("Idempotency-Key on AdjustStock", () => {
  let t: TestDb;
  let client: Client<typeof inventoryv1.InventoryService>;
  let asAdmin: CallOptions;

  before(async () => {
    t = await createTestDb("inventory", migrations);
    const tokens = await createTestTokens();
    client = createClient(inventoryv1.InventoryService, inProcessTransport(routes({ db: t.db }), { db: t.db, verifyToken: tokens.verifyToken }));
    asAdmin = await tokens.as(adminId, ["customer", "admin"]);
  });
  after(() => t?.close());

  const keyed = (key: string): CallOptions => ({ headers: { ...(asAdmin.headers as Record<string, string>), "idempotency-key": key } });
  const onHandOf = async (sku: string) =>
    (await t.db.execute<{ n: number }>(sql`select coalesce(sum(on_hand_delta), 0)::int as n from stock_movements where sku_id = ${sku}::uuid`)).rows[0]!.n;

  void it("commits the work only with its stored answer: a failed answer leaves nothing, and the retry runs once", async () => {
    const sku = v7();
    const key = `deliver-${sku}`;
    // The answer cannot be written (a trigger stands for a failing statement or a lost connection).
    await t.db.execute(sql`create function refuse_answer() returns trigger language plpgsql as $$
      begin if new.response is not null and new.key = ${sql.raw(`'${key}'`)} then raise exception 'answer refused'; end if; return new; end $$`);
    await t.db.execute(sql`create trigger refuse_answer before update on kit_idempotency for each row execute function refuse_answer()`);
    try {
      await rejectsWith(client.adjustStock({ skuId: sku, delta: 5, reason: "delivery" }, keyed(key)), Code.Internal);
      assert.equal(await onHandOf(sku), 0, "the change rolled back with its answer");
    } finally {
      await t.db.execute(sql`drop trigger refuse_answer on kit_idempotency`);
      await t.db.execute(sql`drop function refuse_answer()`);
    }
    const retried = await client.adjustStock({ skuId: sku, delta: 5, reason: "delivery" }, keyed(key));
    const again = await client.adjustStock({ skuId: sku, delta: 5, reason: "delivery" }, keyed(key));
    assert.deepEqual([retried.onHand, again.onHand, await onHandOf(sku)], [5, 5, 5]);
  });

  void it("takes over a claim whose owner died once its lease ran out, and waits for one that still runs", async () => {
    const sku = v7();
    const request = { skuId: sku, delta: 3, reason: "delivery" };
    const claim = (key: string, lease: string, hash = "left by a crash") =>
      t.db.execute(sql`insert into kit_idempotency (scope, key, method, request_hash, owner, lease_until)
        values (${adminId}, ${key}, 'shop.inventory.v1.InventoryService/AdjustStock', ${hash}, 'dead', now() + ${lease}::interval)`);
    await claim(`crashed-${sku}`, "-1 second");
    assert.equal((await client.adjustStock(request, keyed(`crashed-${sku}`))).onHand, 3);
    assert.equal((await client.adjustStock(request, keyed(`crashed-${sku}`))).onHand, 3, "replayed");
    // The same request, claimed by an owner whose lease still runs: the retry is told to wait.
    const { rows } = await t.db.execute<{ request_hash: string }>(sql`select request_hash from kit_idempotency where key = ${`crashed-${sku}`}`);
    await claim(`running-${sku}`, "1 minute", rows[0]!.request_hash);
    await rejectsWith(client.adjustStock(request, keyed(`running-${sku}`)), Code.FailedPrecondition, "IDEMPOTENCY_KEY_IN_PROGRESS");
    assert.equal(await onHandOf(sku), 3);
  });

  void it("does the work once for duplicates sent at the same moment", async () => {
    const sku = v7();
    const calls = await Promise.allSettled(
      Array.from({ length: 8 }, () => client.adjustStock({ skuId: sku, delta: 2, reason: "delivery" }, keyed(`burst-${sku}`))),
    );
    const answers = calls.flatMap((c) => (c.status === "fulfilled" ? [c.value.onHand] : []));
    const refusals = calls.flatMap((c) => (c.status === "rejected" ? [String(c.reason)] : []));
    assert.ok(answers.length >= 1);
    assert.deepEqual(new Set(answers), new Set([2]));
    for (const r of refusals) assert.match(r, /still running/);
    assert.equal(await onHandOf(sku), 2);
  });

  void it("keeps the request only as a fingerprint keyed with the service's secret", async () => {
    const sku = v7();
    const request = { skuId: sku, delta: 1, reason: "delivery" };
    await client.adjustStock(request, keyed(`fingerprint-${sku}`));
    const { rows } = await t.db.execute<{ request_hash: string }>(sql`select request_hash from kit_idempotency where key = ${`fingerprint-${sku}`}`);
    const name = "shop.inventory.v1.InventoryService/AdjustStock";
    const unkeyed = createHash("sha256")
      .update(name)
      .update(toBinary(inventoryv1.AdjustStockRequestSchema, create(inventoryv1.AdjustStockRequestSchema, request)))
      .digest("hex");
    assert.match(rows[0]!.request_hash, /^[0-9a-f]{64}$/);
    assert.notEqual(rows[0]!.request_hash, unkeyed);
  });
});
