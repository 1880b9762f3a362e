// The transactional outbox and the inbox: an event exists exactly when its transaction committed,
// the relay publishes it (in order, once per relay pass, after a crash too), consumers decode it and
// apply it once. The round trip runs on both bus adapters; the rest on the PostgreSQL bus.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test, type TestContext } from "node:test";
import { Int32ValueSchema, StringValueSchema } from "@bufbuild/protobuf/wkt";
import { create } from "@bufbuild/protobuf";
import { decodeEvent, idempotentHandler } from "@shop/kit/bus/inbox";
import { enqueue } from "@shop/kit/bus/outbox";
import { pruneOutbox, startOutboxRelay } from "@shop/kit/bus/outbox-relay";
import type { Bus, Delivery } from "@shop/kit/bus/port";
import type { Db } from "@shop/kit/db";
import { initTelemetry } from "@shop/kit/telemetry";
import { amqpUrl, deleteAmqpObjects, requireRabbitMq } from "@shop/testkit/rabbitmq";
import { dropDatabases, postgresUrl, requirePostgres } from "@shop/testkit/servers";
import { sleep, waitFor } from "@shop/testkit/wait";
import { applyEffect, effectCount, openBus, openServiceDb, quietLogger as logger, recordInto, type BusSpec } from "./helpers/bus.ts";

const telemetry = initTelemetry("outbox-test");
const run = `t${randomBytes(4).toString("hex")}`;
const exchange = `${run}.events`;
const groups: string[] = [];
const text = (value: string) => create(StringValueSchema, { value });
const unsent = async (db: Db) => Number((await db.$client.query<{ n: string }>("select count(*) as n from kit_outbox where sent_at is null")).rows[0]!.n);

let db: Db;
before(async () => {
  await requirePostgres();
  db = await openServiceDb(postgresUrl, `${run}_svc`);
});
after(async () => {
  await db?.$client.end();
  await dropDatabases(`${run}_`);
  await deleteAmqpObjects([...groups, ...groups.map((g) => `${g}.dlq`)], [exchange, `${exchange}.delay`]).catch(() => undefined);
});

async function listening(t: TestContext, spec: BusSpec, label: string, topics: string[]) {
  const bus = await openBus(spec);
  t.after(() => bus.close());
  const got: Delivery[] = [];
  const group = `${run}.${label}`;
  groups.push(group);
  await bus.subscribe(group, topics, recordInto(got), { concurrency: 1 });
  return { bus, got, group };
}

const relayFor = (t: TestContext, bus: Bus) => {
  const relay = startOutboxRelay(db, bus, logger);
  t.after(() => relay.stop());
  return relay;
};

const pgSpec: BusSpec = { kind: "postgres", serverUrl: postgresUrl, database: `${run}_bus`, leaseMs: 5000 };
const amqpSpec: BusSpec = { kind: "amqp", url: amqpUrl, exchange };

for (const [name, spec] of [
  ["PostgreSQL", pgSpec],
  ["RabbitMQ", amqpSpec],
] as const) {
  void test(`${name}: only committed events go out, decodable and in the writer's trace`, async (t) => {
    if (spec.kind === "amqp") await requireRabbitMq();
    const { bus, got } = await listening(t, spec, `roundtrip-${spec.kind}`, ["note.*"]);
    relayFor(t, bus);
    await assert.rejects(
      db.transaction(async (tx) => {
        await enqueue(tx, { topic: "note.lost", schema: StringValueSchema }, text("rolled back"));
        throw new Error("the change failed");
      }),
      /the change failed/,
    );
    const { id, traceId } = await telemetry.tracer.startActiveSpan("write", async (span) => {
      const written = await db.transaction((tx) => enqueue(tx, { topic: "note.kept", schema: StringValueSchema }, text("committed")));
      span.end();
      return { id: written, traceId: span.spanContext().traceId };
    });
    const d = await waitFor("the committed event", () => got.find((x) => x.id === id));
    assert.equal(d.type, "google.protobuf.StringValue");
    assert.equal(decodeEvent(StringValueSchema, d).value, "committed");
    assert.match(d.headers.traceparent ?? "", new RegExp(`^00-${traceId}-`));
    await sleep(500);
    assert.deepEqual(
      got.map((x) => x.topic),
      ["note.kept"],
      "the rolled-back event never left",
    );
    await waitFor("the row marked sent", async () => (await unsent(db)) === 0);
  });
}

void describe("outbox on the PostgreSQL bus", () => {
  void test("a crash between commit and publish loses nothing: the next relay sends what was committed", async (t) => {
    const { bus, got } = await listening(t, pgSpec, "crash", ["crash.*"]);
    // No relay runs: as if the process died right after committing.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(await db.transaction((tx) => enqueue(tx, { topic: "crash.kept", schema: Int32ValueSchema }, create(Int32ValueSchema, { value: i }))));
    await sleep(700);
    assert.equal(got.length, 0);
    assert.equal(await unsent(db), 3);
    relayFor(t, bus);
    await waitFor("the events from before the crash", () => got.length >= 3);
    assert.deepEqual(
      got.map((d) => d.id),
      ids,
    );
    assert.deepEqual(
      got.map((d) => decodeEvent(Int32ValueSchema, d).value),
      [0, 1, 2],
    );
  });

  void test("two relays on one database publish every event once, in the order written", async (t) => {
    const { bus, got } = await listening(t, pgSpec, "order", ["order.*"]);
    relayFor(t, bus);
    relayFor(t, bus);
    const ids: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      await db.transaction(async (tx) => {
        for (let i = 0; i < 10; i++)
          ids.push(await enqueue(tx, { topic: "order.step", schema: Int32ValueSchema }, create(Int32ValueSchema, { value: batch * 10 + i })));
      });
    }
    await waitFor("60 events", () => got.length >= 60);
    await sleep(800);
    assert.deepEqual(
      got.map((d) => d.id),
      ids,
    );
  });

  void test("a delay written to the outbox is counted from the commit", async (t) => {
    const { bus, got } = await listening(t, pgSpec, "later", ["later.*"]);
    relayFor(t, bus);
    const start = Date.now();
    const id = await enqueue(db, { topic: "later.due", schema: StringValueSchema }, text("later"), { delaySeconds: 1 });
    await waitFor("the delayed event", () => got.some((d) => d.id === id));
    assert.ok(Date.now() - start >= 1000, `arrived after ${Date.now() - start} ms`);
  });

  void test("old sent rows and inbox entries are pruned; unsent rows never", async () => {
    await enqueue(db, { topic: "prune.pending", schema: StringValueSchema }, text("pending"));
    await db.$client.query("insert into kit_inbox (grp, message_id) values ('prune', 'old')");
    const before = Number((await db.$client.query<{ n: string }>("select count(*) as n from kit_outbox where sent_at is not null")).rows[0]!.n);
    assert.ok(before > 0);
    await pruneOutbox(db, { keepSentSeconds: 0, keepInboxSeconds: 0 });
    const counts = await db.$client.query<{ sent: string; unsent: string; inbox: string }>(
      "select count(*) filter (where sent_at is not null) as sent, count(*) filter (where sent_at is null) as unsent, (select count(*) from kit_inbox) as inbox from kit_outbox",
    );
    assert.deepEqual(counts.rows[0], { sent: "0", unsent: "1", inbox: "0" });
    await db.$client.query("delete from kit_outbox");
  });
});

void describe("inbox", () => {
  const delivery = (id: string): Delivery => ({
    id,
    topic: "inbox.t",
    type: "google.protobuf.StringValue",
    payload: new Uint8Array(),
    headers: {},
    occurredAt: new Date().toISOString(),
    attempt: 1,
    group: "g",
  });

  void test("applies a message once however often it comes; a failed attempt leaves no mark", async () => {
    let failNext = true;
    const handle = idempotentHandler(db, `${run}.inbox`, async (d, tx) => {
      await applyEffect(tx, d.id);
      if (failNext) {
        failNext = false;
        throw new Error("failed after writing");
      }
    });
    const d = delivery(`m-${run}`);
    await assert.rejects(handle(d), /failed after writing/);
    assert.equal(await effectCount(db, d.id), 0, "rolled back with the inbox entry");
    await handle(d);
    await handle(d);
    await Promise.all([handle(d), handle(d)]);
    assert.equal(await effectCount(db, d.id), 1);
  });

  void test("decodeEvent refuses a message of another type", () => {
    assert.throws(() => decodeEvent(Int32ValueSchema, delivery("x")), /is google\.protobuf\.StringValue, expected google\.protobuf\.Int32Value/);
  });
});
