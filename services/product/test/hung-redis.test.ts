// The product service with its Redis cache hung (accepting connections, never answering), through
// the testkit's TCP proxy: reads are answered from the database, the Redis breaker opens so reads
// stop paying for Redis at all, and the cache is used again after the hang, without a restart.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { requireTcp } from "@shop/testkit/servers";
import { startTcpProxy, type TcpProxy } from "@shop/testkit/tcp-proxy";
import { waitFor } from "@shop/testkit/wait";
import { makeCategory, makeProduct, startCatalog, unique, type CatalogTest } from "./helpers.ts";

const redisUrl = new URL(process.env.SHOP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379");

/** The product cache's circuit_breaker_state as the service's /metrics shows it. */
async function cacheBreaker(httpPort: number): Promise<number | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith('circuit_breaker_state{kind="redis",target="cache '));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

void describe("product service: reads with Redis hung", () => {
  let t: CatalogTest;
  let proxy: TcpProxy;
  before(async () => {
    await requireTcp("Redis", redisUrl.hostname, Number(redisUrl.port || 6379));
    proxy = await startTcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
    t = await startCatalog({ productEnv: { SHOP_REDIS_URL: `redis://127.0.0.1:${proxy.port}` } });
  });
  after(async () => {
    await t?.close();
    await proxy?.close();
  });

  void it("answers from the database while Redis hangs, fails fast once the breaker opened, and caches again after", async () => {
    const c = await makeCategory(t, unique("Hung"));
    const products = await Promise.all([1, 2, 3].map((i) => makeProduct(t, { title: `Hung ${i}`, categoryId: c.id })));
    const title = async (id: string) => (await t.catalog.getProduct({ productId: id })).title;
    for (const p of products) assert.equal(await title(p.id), p.title); // now cached
    assert.equal(await cacheBreaker(t.product.httpPort), 0);

    proxy.hang(true);
    // Behind the service's back: only an answer from the database shows this.
    await t.sql("update products set title = title || ' (db)' where category_id = $1", [c.id]);
    for (const p of products) assert.equal(await title(p.id), `${p.title} (db)`);
    await waitFor("the Redis breaker to open", async () => (await title(products[0]!.id), (await cacheBreaker(t.product.httpPort)) === 2));
    const started = Date.now();
    for (let i = 0; i < 20; i++) assert.equal(await title(products[i % 3]!.id), `${products[i % 3]!.title} (db)`);
    const took = Date.now() - started;
    // A stall would take 20 × 150 ms; half of that leaves room for a busy machine.
    assert.ok(took < 1500, `20 reads with the breaker open took ${took} ms (a stall would take 20 × 150 ms)`);

    // A change through the service meanwhile: its invalidation cannot reach Redis.
    await t.admin.updateProduct({ productId: products[1]!.id, title: "Renamed while hung" }, t.asAdmin);
    assert.equal(await title(products[1]!.id), "Renamed while hung");

    proxy.hang(false);
    await waitFor("the Redis breaker to close", async () => (await title(products[0]!.id), (await cacheBreaker(t.product.httpPort)) === 0), 15_000, 100);
    // No stale entry survives the hang (the cache dropped its keys), and the cache is used again:
    // a change behind the service's back stays unseen.
    let round = 0;
    await waitFor("reads to be cached again", async () => {
      assert.equal(await title(products[1]!.id), "Renamed while hung");
      const id = products[2]!.id;
      await title(id);
      await t.sql("update products set title = $2 where id = $1", [id, `changed in SQL ${++round}`]);
      return (await title(id)) !== `changed in SQL ${round}`;
    });
    assert.equal(await title(products[0]!.id), `${products[0]!.title} (db)`);
  });
});
