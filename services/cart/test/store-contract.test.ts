// The cart store's contract, run against both adapters (PostgreSQL, Redis): what a cart holds,
// the limits each write keeps (also under concurrent writers), guest carts' existence and expiry,
// and merging. Redis: SHOP_TEST_REDIS_URL, default redis://127.0.0.1:6379.
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { createDb, databaseUrl, ensureDatabase, migrate, type Db } from "@shop/kit/db";
import { failFastRedis } from "@shop/kit/redis";
import { dropDatabases, postgresUrl, requirePostgres, requireTcp, uniqueDbPrefix } from "@shop/testkit/servers";
import { newCartToken } from "../src/domain/limits.ts";
import { guestCart, userCart, type CartStore, type NewLine } from "../src/store/port.ts";
import { createPostgresCartStore } from "../src/store/postgres.ts";
import { createRedisCartStore } from "../src/store/redis.ts";

const redisUrl = process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const migrations = fileURLToPath(new URL("../migrations", import.meta.url));
const line = (quantity: number, skuId: string = randomUUID(), priceMinor = 1000): NewLine => ({ skuId, quantity, priceMinor, currency: "CNY" });
const cart = (outcome: unknown) => {
  assert.ok(outcome && typeof outcome === "object" && "cart" in outcome, `expected a cart, got ${JSON.stringify(outcome)}`);
  return (outcome as { cart: Awaited<ReturnType<CartStore["createGuest"]>> }).cart;
};

function contract(name: string, make: (guestTtlMs: number) => Promise<CartStore>) {
  void describe(`cart store contract: ${name}`, () => {
    let store: CartStore;
    let shortLived: CartStore;
    before(async () => {
      store = await make(60_000);
      shortLived = await make(300);
    });
    after(async () => {
      await store?.close();
      await shortLived?.close();
    });
    const shopper = () => userCart(randomUUID());

    void test("a user's cart reads empty before anything is added; lines come back as added, oldest first", async () => {
      const key = shopper();
      assert.deepEqual((await store.read(key))?.lines, []);
      const [a, b] = [line(2, undefined, 1999), line(1, undefined, 5)];
      cart(await store.add(key, a, 99, 100));
      await sleep(5);
      const after = cart(await store.add(key, b, 99, 100));
      assert.deepEqual(
        after.lines.map((l) => [l.skuId, l.quantity, l.selected, l.addedPriceMinor, l.currency]),
        [
          [a.skuId, 2, true, 1999, "CNY"],
          [b.skuId, 1, true, 5, "CNY"],
        ],
      );
      assert.deepEqual((await store.read(key))?.lines, after.lines);
      assert.ok(after.updatedAt.getTime() > Date.now() - 60_000);
    });

    void test("adding a SKU again adds to its line and keeps the price it was added at", async () => {
      const key = shopper();
      const sku = randomUUID();
      cart(await store.add(key, line(3, sku, 100), 99, 100));
      const c = cart(await store.add(key, line(4, sku, 250), 99, 100));
      assert.deepEqual(
        c.lines.map((l) => [l.quantity, l.addedPriceMinor]),
        [[7, 100]],
      );
    });

    void test("a line never goes above its cap: the refusal says what the line holds", async () => {
      const key = shopper();
      const sku = randomUUID();
      assert.deepEqual(await store.add(key, line(6, sku), 5, 100), { over: true, inCart: 0 });
      cart(await store.add(key, line(5, sku), 5, 100));
      assert.deepEqual(await store.add(key, line(1, sku), 5, 100), { over: true, inCart: 5 });
      assert.equal((await store.read(key))?.lines[0]?.quantity, 5);
    });

    void test("a cart is full at its line limit; more of a SKU already in it still fits", async () => {
      const key = shopper();
      const first = randomUUID();
      cart(await store.add(key, line(1, first), 99, 3));
      cart(await store.add(key, line(1), 99, 3));
      cart(await store.add(key, line(1), 99, 3));
      assert.deepEqual(await store.add(key, line(1), 99, 3), { full: true });
      assert.equal(cart(await store.add(key, line(1, first), 99, 3)).lines.length, 3);
    });

    void test("concurrent adds cannot push a line past its cap or a cart past its line limit", async () => {
      const key = shopper();
      const sku = randomUUID();
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.add(key, line(1, sku), 7, 100)));
      assert.equal(outcomes.filter((o) => "cart" in o).length, 7);
      assert.equal((await store.read(key))?.lines[0]?.quantity, 7);
      const other = shopper();
      const many = await Promise.all(Array.from({ length: 12 }, () => store.add(other, line(1), 99, 5)));
      assert.equal(many.filter((o) => "cart" in o).length, 5);
      assert.equal((await store.read(other))?.lines.length, 5);
    });

    void test("update sets quantity and/or selection of an existing line only", async () => {
      const key = shopper();
      const sku = randomUUID();
      cart(await store.add(key, line(2, sku), 99, 100));
      assert.deepEqual(
        cart(await store.update(key, sku, { quantity: 9 })).lines.map((l) => [l.quantity, l.selected]),
        [[9, true]],
      );
      assert.deepEqual(
        cart(await store.update(key, sku, { selected: false })).lines.map((l) => [l.quantity, l.selected]),
        [[9, false]],
      );
      assert.deepEqual(
        cart(await store.update(key, sku, { quantity: 1, selected: true })).lines.map((l) => [l.quantity, l.selected]),
        [[1, true]],
      );
      assert.deepEqual(await store.update(key, randomUUID(), { quantity: 1 }), { missing: "LINE_NOT_FOUND" });
    });

    void test("remove, select (some or all) and clear", async () => {
      const key = shopper();
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      for (const sku of [a, b, c]) cart(await store.add(key, line(1, sku), 99, 100));
      const selected = (x: { lines: { skuId: string; selected: boolean }[] }) => x.lines.filter((l) => l.selected).map((l) => l.skuId);
      assert.deepEqual(selected(cart(await store.select(key, [], false))), []);
      assert.deepEqual(selected(cart(await store.select(key, [b, randomUUID()], true))), [b]);
      assert.deepEqual(selected(cart(await store.select(key, [], true))), [a, b, c]);
      assert.deepEqual(
        cart(await store.remove(key, [a, c, randomUUID()])).lines.map((l) => l.skuId),
        [b],
      );
      assert.deepEqual(cart(await store.clear(key)).lines, []);
      assert.deepEqual((await store.read(key))?.lines, []);
    });

    void test("a guest cart exists from its creation, empty; an unknown token is no cart, and writes to it change nothing", async () => {
      const key = guestCart(newCartToken());
      assert.equal(await store.read(key), undefined);
      assert.deepEqual(await store.add(key, line(1), 99, 100), { missing: "CART_NOT_FOUND" });
      assert.deepEqual(await store.remove(key, [randomUUID()]), { missing: "CART_NOT_FOUND" });
      assert.deepEqual(await store.clear(key), { missing: "CART_NOT_FOUND" });
      assert.equal(await store.read(key), undefined, "a refused write does not create the cart");
      assert.deepEqual((await store.createGuest(key)).lines, []);
      assert.deepEqual((await store.read(key))?.lines, []);
      assert.equal(cart(await store.add(key, line(2), 99, 100)).lines.length, 1);
    });

    void test("a guest cart is gone after its TTL unused", async () => {
      const key = guestCart(newCartToken());
      await shortLived.createGuest(key);
      cart(await shortLived.add(key, line(1), 99, 100));
      await sleep(700);
      assert.equal(await shortLived.read(key), undefined);
      assert.deepEqual(await shortLived.add(key, line(1), 99, 100), { missing: "CART_NOT_FOUND" });
    });

    void test("merge sums, caps, leaves out lines past the limit, deletes the guest cart; again is a no-op", async () => {
      const [user, guest] = [shopper(), guestCart(newCartToken())];
      const [both, capped, fresh, late] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      cart(await store.add(user, line(60, both, 100), 99, 100));
      cart(await store.add(user, line(1), 99, 100));
      await store.createGuest(guest);
      cart(await store.add(guest, line(50, both, 200), 99, 100));
      await sleep(5);
      cart(await store.add(guest, line(9, capped, 300), 99, 100));
      await sleep(5);
      cart(await store.add(guest, line(2, fresh, 400), 99, 100));
      await sleep(5);
      cart(await store.add(guest, line(1, late), 99, 100));
      const merged = await store.merge(guest, user, new Map([[capped, 4]]), 99, 4);
      const byId = new Map(merged.cart.lines.map((l) => [l.skuId, l]));
      assert.equal(byId.get(both)?.quantity, 99);
      assert.equal(byId.get(both)?.addedPriceMinor, 100, "the shopper's line keeps its own price");
      assert.equal(byId.get(capped)?.quantity, 4);
      assert.equal(byId.get(capped)?.addedPriceMinor, 300, "a moved line keeps the guest's price");
      assert.equal(byId.get(fresh)?.quantity, 2);
      assert.equal(byId.has(late), false, "past the line limit");
      assert.deepEqual([...merged.adjusted].sort(), [both, capped, late].sort());
      assert.equal(await store.read(guest), undefined, "the guest cart is gone");
      const again = await store.merge(guest, user, new Map(), 99, 4);
      assert.deepEqual(again.adjusted, []);
      assert.deepEqual(again.cart.lines, merged.cart.lines);
    });

    void test("a user's cart and a guest cart are separate: keys never meet", async () => {
      const [a, b] = [shopper(), shopper()];
      cart(await store.add(a, line(1), 99, 100));
      assert.deepEqual((await store.read(b))?.lines, []);
    });
  });
}

let prefix = "";
const dbs: Db[] = [];
contract("PostgreSQL", async (ttl) => {
  await requirePostgres();
  prefix ||= uniqueDbPrefix();
  const name = `${prefix}cart`;
  await ensureDatabase(postgresUrl, name);
  const db = createDb(databaseUrl(postgresUrl, name), 10);
  dbs.push(db);
  await migrate(db, migrations);
  return createPostgresCartStore(db, ttl, 100);
});

const redisPrefix = `test-cart-${randomBytes(4).toString("hex")}:`;
contract("Redis", async (ttl) => {
  const url = new URL(redisUrl);
  await requireTcp("Redis", url.hostname, Number(url.port || 6379));
  const redis = failFastRedis(redisUrl);
  await redis.connect();
  return createRedisCartStore(redis, redisPrefix, ttl);
});

after(async () => {
  for (const db of dbs) await db.$client.end();
  if (prefix) await dropDatabases(prefix);
  const redis = failFastRedis(redisUrl);
  await redis.connect();
  const keys = await redis.keys(`${redisPrefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});
