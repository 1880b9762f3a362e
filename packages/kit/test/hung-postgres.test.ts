// A PostgreSQL that hangs (accepts connections, never answers), through the testkit's TCP proxy in
// front of the real server: its statement_timeout cannot help, so the pool's breaker must. Queries
// in flight fail as unavailable (the kit's 503) and their connections are dropped, new ones fail at
// once, /readyz's check fails, and after the hang the pool recovers by itself. A long query on a
// server that answers is left alone.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDb, databaseUrl, ensureDatabase, type Db } from "@shop/kit/db";
import { isDatabaseUnavailable } from "@shop/kit/db-errors";
import { breakerState } from "@shop/kit/metrics";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { startTcpProxy, type TcpProxy } from "@shop/testkit/tcp-proxy";
import { waitFor } from "@shop/testkit/wait";
import { sql } from "drizzle-orm";

const gauge = async (target: string) => (await breakerState.get()).values.find((v) => v.labels.kind === "postgres" && v.labels.target === target)?.value;

void describe("a hung PostgreSQL", () => {
  const prefix = uniqueDbPrefix();
  const database = `${prefix}hung`;
  let proxy: TcpProxy;
  let db: Db;
  const viaProxyUrl = () => {
    const url = new URL(databaseUrl(postgresUrl, database));
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port);
    return url.toString();
  };
  before(async () => {
    await requirePostgres();
    await ensureDatabase(postgresUrl, database);
    const real = new URL(postgresUrl);
    proxy = await startTcpProxy(real.hostname, Number(real.port || 5432));
    db = createDb(viaProxyUrl(), 4);
  });
  after(async () => {
    proxy.hang(false);
    await db?.$client.end();
    await proxy?.close();
    await dropDatabases(prefix);
  });

  void test("a long query on a live server is not cut short", async () => {
    const { rows } = await db.$client.query<{ ok: number }>("select 1 as ok from pg_sleep(0.8)");
    assert.deepEqual(rows, [{ ok: 1 }]);
    assert.equal(await gauge(database), 0);
  });

  void test("queries fail as unavailable, then at once, and the pool recovers after the hang", async () => {
    const held = await db.$client.connect(); // a transaction open when the server hangs
    await held.query("begin");
    proxy.hang(true);
    try {
      const inFlight = await Promise.allSettled([held.query("select 1"), db.$client.query("select 2")]);
      for (const r of inFlight) {
        assert.equal(r.status, "rejected");
        assert.ok(isDatabaseUnavailable(r.reason), `unavailable (503), not ${String(r.reason)}`);
      }
      held.release(true);
      assert.equal(await gauge(database), 2);
      // Open: 20 queries where a hang would hold each until its call's deadline.
      const started = Date.now();
      const refused = await Promise.allSettled(Array.from({ length: 20 }, () => db.$client.query("select 3")));
      assert.ok(
        refused.every((r) => r.status === "rejected" && isDatabaseUnavailable(r.reason)),
        "every query refused as unavailable",
      );
      assert.ok(Date.now() - started < 1000, `20 refusals took ${Date.now() - started} ms`);
      await assert.rejects(db.$client.connect(), (err) => isDatabaseUnavailable(err)); // no transaction starts either
    } finally {
      proxy.hang(false);
    }
    await waitFor("the pool to answer again", () => db.$client.query<{ n: number }>("select 4 as n").then((r) => r.rows[0]?.n === 4), 15_000, 100);
    assert.equal(await gauge(database), 0);
    // The dropped connections were not handed out again: every connection now answers.
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => db.$client.query<{ n: number }>("select $1::int as n", [i])));
    assert.deepEqual(
      answers.map((r) => r.rows[0]!.n),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
  });

  void test("a transaction idle between statements when the breaker opens is rolled back, never handed to the next caller", async () => {
    await db.$client.query("create table if not exists held (id int primary key)");
    const idle = await db.$client.connect();
    await idle.query("begin");
    await idle.query("insert into held values (1)"); // holds the row's lock, between statements
    proxy.hang(true);
    try {
      await assert.rejects(db.$client.query("select 5"), (err) => isDatabaseUnavailable(err)); // opens the breaker
      await waitFor("the breaker to open", async () => (await gauge(database)) === 2, 5_000, 50);
      // The transaction's next statement and its rollback are refused...
      await assert.rejects(idle.query("insert into held values (2)"), (err) => isDatabaseUnavailable(err));
      await assert.rejects(idle.query("rollback"), (err) => isDatabaseUnavailable(err));
      idle.release(); // ...and the caller gives the client back without an error, as drizzle does
    } finally {
      proxy.hang(false);
    }
    await waitFor("the pool to answer again", () => db.$client.query("select 6").then(() => true), 15_000, 100);
    // ...so its connection was dropped: the server rolled the transaction back, the lock is gone,
    // and no connection of the pool is still inside it.
    const clients = await Promise.all(Array.from({ length: 4 }, () => db.$client.connect()));
    try {
      for (const c of clients) assert.equal((await c.query<{ n: number }>("select count(*)::int as n from held")).rows[0]!.n, 0);
      await clients[0]!.query("insert into held values (1)"); // not blocked by a lock left behind
    } finally {
      clients.forEach((c) => c.release());
    }
  });
  void test("a transaction whose BEGIN the hang failed gives its connection back (drizzle sends BEGIN outside its try)", async () => {
    const one = createDb(viaProxyUrl(), 1);
    try {
      await one.execute(sql`select 1`); // the pool's one connection, idle: the transaction takes it
      proxy.hang(true);
      try {
        await assert.rejects(
          one.transaction((tx) => tx.execute(sql`select 2`)),
          (err) => isDatabaseUnavailable(err),
        );
      } finally {
        proxy.hang(false);
      }
      // A leaked connection would leave a pool of one with none: every statement would wait out the
      // pool's connection timeout, for ever.
      await waitFor(
        "the pool of one to answer again",
        () =>
          one
            .execute(sql`select 3 as n`)
            .then((r) => r.rows[0]?.n === 3)
            .catch(() => false),
        15_000,
        100,
      );
    } finally {
      await one.$client.end();
    }
  });
});
