// A service started while PostgreSQL turns connections away (every slot taken: a whole cluster
// starting at once can pass max_connections for a moment) waits it out and starts, rather than
// ending the process. The server's refusal is real: a role whose connection limit is 0 gets the
// same 53300 as a full server, until the test lifts the limit.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import pg from "pg";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { sleep } from "@shop/testkit/wait";

const prefix = uniqueDbPrefix();
const role = `${prefix}busy`;
let proc: ServiceProcess | undefined;

const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: postgresUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

after(async () => {
  await proc?.stop();
  await dropDatabases(prefix);
  await admin((c) => c.query(`drop role if exists ${role}`));
});

void test("a service whose PostgreSQL turns connections away at start waits and starts", async () => {
  await requirePostgres();
  await admin((c) => c.query(`create role ${role} login createdb connection limit 0`));
  const url = new URL(postgresUrl);
  url.username = role;
  url.password = "";
  const waiting = "PostgreSQL is turning connections away; trying again";
  let refused!: () => void;
  const saidWaiting = new Promise<void>((resolve) => (refused = resolve));
  const starting = startServiceProcess("inventory", { SHOP_POSTGRES_URL: url.toString(), SHOP_DB_PREFIX: prefix }, 120_000, (l) => {
    if (l.msg === waiting) refused();
  });
  // Refused ("too many connections for role", 53300) until it says it waits, however slow it is to begin.
  await Promise.race([saidWaiting, starting.then(() => assert.fail("ready while every connection was refused"))]);
  await sleep(1000); // and still waiting a moment later
  await admin((c) => c.query(`alter role ${role} connection limit -1`));
  proc = await starting;
  const res = await fetch(`http://127.0.0.1:${proc.httpPort}/readyz`);
  assert.equal(res.status, 200);
  assert.ok(
    proc.logs.some((l) => l.msg === waiting),
    "it said it was waiting",
  );
});
