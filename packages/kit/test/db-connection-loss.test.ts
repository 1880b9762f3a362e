// A connection that breaks while a caller holds it (between two statements, say in a transaction
// waiting on another service) fails that caller's next statement; it never becomes an unhandled
// 'error' event that ends the process (pg emits one on a checked-out client nobody listens to).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createDb, type Db } from "@shop/kit/db";
import { postgresUrl, requirePostgres } from "@shop/testkit/servers";
import { startTcpProxy, type TcpProxy } from "@shop/testkit/tcp-proxy";
import { sleep } from "@shop/testkit/wait";
import { sql } from "drizzle-orm";

let proxy: TcpProxy;
let db: Db;

before(async () => {
  await requirePostgres();
  const server = new URL(postgresUrl);
  proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
  server.hostname = "127.0.0.1";
  server.port = String(proxy.port);
  db = createDb(server.toString(), 2);
});

after(async () => {
  await db?.$client.end();
  await proxy?.close();
});

void test("a held connection that breaks fails the next statement, and the pool carries on with a new one", async () => {
  const held = await db.$client.connect();
  await held.query("select 1");
  proxy.dropConnections();
  await sleep(200); // the reset reaches the client while nobody queries on it
  await assert.rejects(held.query("select 1"));
  held.release();
  const { rows } = await db.$client.query<{ n: number }>("select 2 as n");
  assert.equal(rows[0]!.n, 2);
  assert.equal((await db.execute(sql`select 3 as n`)).rows[0]!.n, 3);
});
