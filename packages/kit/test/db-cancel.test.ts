// A call's deadline stops the SQL it started, and statement_timeout bounds every statement: both
// answer deadline_exceeded through the kit's interceptors, never internal, and leave the pool usable.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { Code, ConnectError, createClient, createRouterTransport, type ConnectRouter } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { createDb, type Db } from "@shop/kit/db";
import { createLogger } from "@shop/kit/log";
import { rpcServerRequests } from "@shop/kit/metrics";
import { serverInterceptors } from "@shop/kit/rpc/server-interceptors";
import { rejectsWith } from "@shop/testkit/assert";
import { postgresUrl, requirePostgres } from "@shop/testkit/servers";
import { sql } from "drizzle-orm";

const dbs: Db[] = [];
before(() => requirePostgres());
after(() => Promise.all(dbs.map((db) => db.$client.end())));

/** An inventory client whose GetAvailability runs `query` on `db` and reports how the query ended. */
function sleeper(db: Db, query: ReturnType<typeof sql>) {
  let report: (outcome: unknown) => void = () => undefined;
  const outcome = new Promise<unknown>((resolve) => (report = resolve));
  const routes = (router: ConnectRouter) =>
    router.service(inventoryv1.InventoryService, {
      async getAvailability() {
        try {
          await db.execute(query);
          report("finished");
        } catch (err) {
          report(err);
          throw err;
        }
        return {};
      },
    });
  const interceptors = serverInterceptors(createLogger("test", "silent"), () => Promise.reject(new Error("no tokens here")));
  const client = createClient(inventoryv1.InventoryService, createRouterTransport(routes, { router: { interceptors } }));
  return { call: (timeoutMs?: number) => client.getAvailability({ skuIds: [randomUUID()] }, { timeoutMs }), outcome };
}

/** `err` and its causes (drizzle wraps what pg reports). */
const causes = (err: unknown): unknown[] => (err instanceof Error ? [err, ...causes(err.cause)] : []);

/** How the server answered this file's calls, by code (the client's own deadline would hide it). */
const answered = async (): Promise<Record<string, number>> => {
  const { values } = await rpcServerRequests.get();
  return Object.fromEntries(values.filter((v) => v.labels.method === "GetAvailability").map((v) => [String(v.labels.code), v.value]));
};

const running = async (db: Db, marker: string) =>
  (await db.$client.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where state = 'active' and query like $1", [`%${marker}%`])).rows[0]!
    .n;

void test("a call's deadline cancels the statement it runs, and the handler sees deadline_exceeded", { timeout: 20_000 }, async () => {
  const db = createDb(postgresUrl, 2);
  dbs.push(db);
  const marker = `sleep_${randomUUID().replaceAll("-", "")}`;
  const s = sleeper(db, sql`select pg_sleep(60) as ${sql.identifier(marker)}`);
  await rejectsWith(s.call(300), Code.DeadlineExceeded);
  const outcome = causes(await s.outcome).find((e) => e instanceof ConnectError);
  assert.ok(outcome, `the query ended with ${String(await s.outcome)}`);
  assert.equal(outcome.code, Code.DeadlineExceeded);
  assert.equal(await running(db, marker), 0, "nothing left running on the server");
  assert.deepEqual(await answered(), { deadline_exceeded: 1 });
  assert.equal((await db.$client.query<{ one: number }>("select 1 as one")).rows[0]!.one, 1);
});

void test("a statement past statement_timeout answers deadline_exceeded, not internal", { timeout: 20_000 }, async () => {
  const db = createDb(postgresUrl, 1, 200);
  dbs.push(db);
  const s = sleeper(db, sql`select pg_sleep(10)`);
  await rejectsWith(s.call(), Code.DeadlineExceeded);
  assert.ok(
    causes(await s.outcome).some((e) => /statement timeout/.test(String(e))),
    String(await s.outcome),
  );
  assert.deepEqual(await answered(), { deadline_exceeded: 2 });
  assert.equal((await db.$client.query<{ one: number }>("select 1 as one")).rows[0]!.one, 1);
});

void test("a cancelled statement inside a transaction rolls it back and hands the connection on clean", { timeout: 20_000 }, async () => {
  const db = createDb(postgresUrl, 1);
  dbs.push(db);
  const routes = (router: ConnectRouter) =>
    router.service(inventoryv1.InventoryService, {
      async getAvailability() {
        await db.transaction(async (tx) => {
          await tx.execute(sql`create temporary table if not exists left_behind (n int)`);
          await tx.execute(sql`select pg_sleep(60)`);
        });
        return {};
      },
    });
  const interceptors = serverInterceptors(createLogger("test", "silent"), () => Promise.reject(new Error("no tokens here")));
  const client = createClient(inventoryv1.InventoryService, createRouterTransport(routes, { router: { interceptors } }));
  await rejectsWith(client.getAvailability({ skuIds: [randomUUID()] }, { timeoutMs: 300 }), Code.DeadlineExceeded);
  // The pool's only connection (waited for while the handler rolls back): usable, and the table gone with the transaction.
  const { rows } = await db.$client.query<{ found: boolean }>("select to_regclass('pg_temp.left_behind') is not null as found");
  assert.equal(rows[0]!.found, false);
});
