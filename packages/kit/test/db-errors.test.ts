// Constraint violations from a real PostgreSQL (through drizzle, as the services meet them) become
// the domain error their constraint's name stands for; anything else passes through untouched.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { createDb, databaseUrl, ensureDatabase, type Db } from "@shop/kit/db";
import { asDomainError, constraintViolation, isDatabaseUnavailable } from "@shop/kit/db-errors";
import { AppError } from "@shop/kit/errors";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";

const taken = () => new AppError("already_exists", "NAME_TAKEN", "name taken");
const noParent = () => new AppError("failed_precondition", "PARENT_NOT_FOUND", "no parent");
const tooMany = () => new AppError("failed_precondition", "TOO_MANY", "too many");
const meanings = { things_name_key: taken, things_parent_fkey: noParent, things_count_max: tooMany };

void describe("constraint violations as domain errors", () => {
  const prefix = uniqueDbPrefix();
  let db: Db;
  const failure = (statement: ReturnType<typeof sql>) =>
    db.execute(statement).then(
      () => assert.fail("expected a violation"),
      (err: unknown) => err,
    );

  before(async () => {
    await requirePostgres();
    await ensureDatabase(postgresUrl, `${prefix}kit`);
    db = createDb(databaseUrl(postgresUrl, `${prefix}kit`), 2);
    await db.execute(sql`
      create table things (
        id int primary key,
        name text not null,
        parent int,
        count int not null default 0,
        constraint things_name_key unique (name),
        constraint things_parent_fkey foreign key (parent) references things (id),
        constraint things_count_max check (count <= 10),
        constraint things_count_min check (count >= 0)
      );
      insert into things (id, name) values (1, 'one')`);
  });
  after(async () => {
    await db?.$client.end();
    await dropDatabases(prefix);
  });

  void it("reads the kind and the name of each violated constraint", async () => {
    assert.deepEqual(constraintViolation(await failure(sql`insert into things (id, name) values (2, 'one')`)), {
      kind: "unique",
      constraint: "things_name_key",
    });
    assert.deepEqual(constraintViolation(await failure(sql`insert into things (id, name, parent) values (2, 'two', 99)`)), {
      kind: "foreign_key",
      constraint: "things_parent_fkey",
    });
    assert.deepEqual(constraintViolation(await failure(sql`update things set count = 11`)), { kind: "check", constraint: "things_count_max" });
    assert.equal(constraintViolation(await failure(sql`select * from no_such_table`)), undefined);
  });

  void it("turns each named violation into its meaning", async () => {
    const mapped = async (statement: ReturnType<typeof sql>) => (asDomainError(await failure(statement), meanings) as AppError).reason;
    assert.equal(await mapped(sql`insert into things (id, name) values (3, 'one')`), "NAME_TAKEN");
    assert.equal(await mapped(sql`insert into things (id, name, parent) values (3, 'three', 99)`), "PARENT_NOT_FOUND");
    assert.equal(await mapped(sql`update things set count = 11`), "TOO_MANY");
  });

  void it("passes through a violation it was not told about, and any other error", async () => {
    const unnamed = await failure(sql`update things set count = -1`);
    assert.equal(asDomainError(unnamed, meanings), unnamed);
    const other = await failure(sql`select * from no_such_table`);
    assert.equal(asDomainError(other, meanings), other);
  });
});

void describe("a database that cannot be reached is unavailable, not a bug", () => {
  void it("says so for a pool with no free connection in time, a refused connection, and not for a violation", async () => {
    const prefix = uniqueDbPrefix();
    await ensureDatabase(postgresUrl, `${prefix}kit`);
    const url = databaseUrl(postgresUrl, `${prefix}kit`);
    const one = createDb(url, 1);
    const held = await one.$client.connect(); // the only connection, kept busy
    // pg-pool waits connectionTimeoutMillis (5 s) for a free connection, then gives up.
    const starved = await one.execute(sql`select 1`).then(
      () => assert.fail("expected no connection"),
      (err: unknown) => err,
    );
    held.release();
    await one.$client.end();
    assert.ok(isDatabaseUnavailable(starved), String(starved));

    const closedPort = new URL(postgresUrl);
    closedPort.port = "1";
    const nowhere = createDb(closedPort.toString(), 1);
    const refused = await nowhere.execute(sql`select 1`).then(
      () => assert.fail("expected a refused connection"),
      (err: unknown) => err,
    );
    await nowhere.$client.end();
    assert.ok(isDatabaseUnavailable(refused), String(refused));

    const tooManyClients = Object.assign(new Error("sorry, too many clients already"), { code: "53300" });
    assert.ok(isDatabaseUnavailable(new Error("query failed", { cause: tooManyClients })), "through drizzle's wrapping");
    assert.ok(!isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" })));
    await dropDatabases(prefix);
  });
});
