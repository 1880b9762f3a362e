// Shared by the gate's contract and drainer tests: a migrated seckill database (with the kit's
// outbox), sales written to it, wins to attempt with, and a Redis gate under a key prefix of its
// own, all removed afterwards. Redis: SHOP_TEST_REDIS_URL, default redis://127.0.0.1:6379.
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { fromBinary } from "@bufbuild/protobuf";
import { seckillv1 } from "@shop/contracts";
import { createDb, databaseUrl, ensureDatabase, migrate, type Db } from "@shop/kit/db";
import { failFastRedis } from "@shop/kit/redis";
import { dropDatabases, postgresUrl, requirePostgres, requireTcp, uniqueDbPrefix } from "@shop/testkit/servers";
import { sql } from "drizzle-orm";
import { v7 } from "uuid";
import type { GateSale, Win } from "../src/gate/port.ts";
import { createRedisGate, type RedisGate } from "../src/gate/redis.ts";
import { insertSale } from "../src/repo/sales.ts";

export const redisUrl = process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const migrations = fileURLToPath(new URL("../migrations", import.meta.url));
const kitMigrations = fileURLToPath(new URL("../../../packages/kit/migrations", import.meta.url));

export interface GateFixtures {
  db: Db;
  /** The Redis gates' key prefix. */
  keyPrefix: string;
  /** A new Redis gate under this run's prefix (closed by close()). */
  redisGate(): Promise<RedisGate>;
  /** A sale stored in PostgreSQL, as the gate is given it: `quantity` units, on now unless told. */
  sale(quantity: number, window?: { startsInMs?: number; endsInMs?: number }): Promise<GateSale>;
  /** The won-attempt events in the outbox, of one sale. */
  eventsOf(saleId: string): Promise<seckillv1.FlashSaleAttemptWon[]>;
  close(): Promise<void>;
}

export const winFor = (s: GateSale, userId: string = randomUUID()): Win => ({
  ticketId: v7(),
  saleId: s.saleId,
  userId,
  addressId: randomUUID(),
  skuId: "0190a000-0000-7000-8000-000000000001",
  salePriceMinor: 990,
  currency: "CNY",
  wonAtMs: Date.now(),
  trace: {},
});

export async function gateFixtures(): Promise<GateFixtures> {
  await requirePostgres();
  const url = new URL(redisUrl);
  await requireTcp("Redis", url.hostname, Number(url.port || 6379));
  const prefix = uniqueDbPrefix();
  const name = `${prefix}seckill`;
  await ensureDatabase(postgresUrl, name);
  const db = createDb(databaseUrl(postgresUrl, name), 20);
  await migrate(db, kitMigrations, "kit");
  await migrate(db, migrations);
  const keyPrefix = `test-seckill-${randomBytes(4).toString("hex")}:`;
  const gates: RedisGate[] = [];
  return {
    db,
    keyPrefix,
    async redisGate() {
      const redis = failFastRedis(redisUrl, { commandTimeout: 5000 });
      await redis.connect();
      const gate = createRedisGate(redis, keyPrefix);
      gates.push(gate);
      return gate;
    },
    async sale(quantity, window = {}) {
      const now = Date.now();
      const startsAt = new Date(now + (window.startsInMs ?? -60_000));
      const endsAt = new Date(now + (window.endsInMs ?? 3_600_000));
      const row = await insertSale(db, {
        id: v7(),
        skuId: randomUUID(),
        productId: randomUUID(),
        title: "Gate test",
        image: "",
        specs: [],
        currency: "CNY",
        salePriceMinor: 990,
        regularPriceMinor: 1990,
        quantity,
        startsAt,
        endsAt,
        createdBy: "test",
      });
      return { saleId: row.id, startsAt, endsAt, ended: false, remaining: quantity, holders: new Map(), returned: [] };
    },
    async eventsOf(saleId) {
      const { rows } = await db.execute<{ payload: Buffer }>(sql`select payload from kit_outbox where topic = 'seckill.attempt_won'`);
      return rows.map((r) => fromBinary(seckillv1.FlashSaleAttemptWonSchema, r.payload)).filter((e) => e.saleId === saleId);
    },
    async close() {
      for (const g of gates) await g.close();
      const redis = failFastRedis(redisUrl);
      await redis.connect();
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await db.$client.end();
      await dropDatabases(prefix);
    },
  };
}
