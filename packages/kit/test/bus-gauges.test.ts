// The bus's gauges as /metrics shows them: outbox lag (outbox_pending_events and
// outbox_oldest_pending_age_seconds), measured by the relay loop, and dead-letter depth
// (bus_dead_letters{group}), counted beside the bus on both adapters.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test, type TestContext } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Int32ValueSchema } from "@bufbuild/protobuf/wkt";
import { v7 as uuidv7 } from "uuid";
import { amqpDeadLetterCounter, postgresDeadLetterCounter, type DeadLetterCounter } from "@shop/kit/bus/dead-letter-count";
import { withDeadLetterGauge } from "@shop/kit/bus/dead-letter-gauge";
import { enqueue } from "@shop/kit/bus/outbox";
import { startOutboxRelay } from "@shop/kit/bus/outbox-relay";
import { databaseUrl, type Db } from "@shop/kit/db";
import { metricsRegistry } from "@shop/kit/metrics";
import { initTelemetry } from "@shop/kit/telemetry";
import { amqpUrl, deleteAmqpObjects, requireRabbitMq } from "@shop/testkit/rabbitmq";
import { dropDatabases, postgresUrl, requirePostgres } from "@shop/testkit/servers";
import { waitFor } from "@shop/testkit/wait";
import { openBus, openServiceDb, quietLogger as logger, type BusSpec } from "./helpers/bus.ts";

initTelemetry("bus-gauges-test");
const run = `t${randomBytes(4).toString("hex")}`;
const exchange = `${run}.events`;
const amqpGroups: string[] = [];
const pgSpec: BusSpec = { kind: "postgres", serverUrl: postgresUrl, database: `${run}_bus`, leaseMs: 5000 };
const amqpSpec: BusSpec = { kind: "amqp", url: amqpUrl, exchange };

/** The value of one series as the process's /metrics text shows it (undefined when absent). */
async function scraped(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(",");
  const line = (await metricsRegistry.metrics()).split("\n").find((l) => l.startsWith(`${name}{${want}} `));
  return line === undefined ? undefined : Number(line.split(" ")[1]);
}

let db: Db;
before(async () => {
  await requirePostgres();
  db = await openServiceDb(postgresUrl, `${run}_svc`);
});
after(async () => {
  await db?.$client.end();
  await dropDatabases(`${run}_`);
  await deleteAmqpObjects([...amqpGroups, ...amqpGroups.map((g) => `${g}.dlq`)], [exchange, `${exchange}.delay`]).catch(() => undefined);
});

void test("outbox gauges: rows the relay cannot publish show as pending and ageing; published, they drop to 0", async (t) => {
  const service = `svc-${run}`;
  for (let i = 0; i < 3; i++) await enqueue(db, { topic: "gauge.step", schema: Int32ValueSchema }, create(Int32ValueSchema, { value: i }));
  // A bus that cannot publish (closed): the relay's passes fail and the rows stay.
  const closed = await openBus(pgSpec);
  await closed.close();
  const stuck = startOutboxRelay(db, closed, logger, { service });
  await waitFor("3 pending", async () => (await scraped("outbox_pending_events", { service })) === 3);
  const age1 = (await scraped("outbox_oldest_pending_age_seconds", { service }))!;
  assert.ok(age1 > 0, `the oldest row has an age: ${age1}`);
  await waitFor("the age grows between measurements", async () => (await scraped("outbox_oldest_pending_age_seconds", { service }))! > age1 + 0.2);
  await stuck.stop();

  const bus = await openBus(pgSpec);
  t.after(() => bus.close());
  const relay = startOutboxRelay(db, bus, logger, { service });
  t.after(() => relay.stop());
  await waitFor("nothing pending", async () => (await scraped("outbox_pending_events", { service })) === 0);
  assert.equal(await scraped("outbox_oldest_pending_age_seconds", { service }), 0);
});

for (const [name, spec, counter] of [
  ["PostgreSQL", pgSpec, () => postgresDeadLetterCounter(databaseUrl(postgresUrl, `${run}_bus`))],
  ["RabbitMQ", amqpSpec, () => amqpDeadLetterCounter(amqpUrl)],
] as const) {
  void test(`${name}: bus_dead_letters{group} counts a group's dead letters and goes back to 0 after a replay`, async (t: TestContext) => {
    if (spec.kind === "amqp") await requireRabbitMq();
    const c: DeadLetterCounter = counter();
    const bus = withDeadLetterGauge(await openBus(spec), c, logger, { everyMs: 100 });
    t.after(() => bus.close());
    const group = `${run}.gauge-${spec.kind}`;
    amqpGroups.push(group);
    let fixed = false;
    await bus.subscribe(group, ["poison.*"], (d) => (fixed ? Promise.resolve() : Promise.reject(new Error(`cannot handle ${d.id}`))), { maxAttempts: 1 });
    await waitFor("the group's series at 0", async () => (await scraped("bus_dead_letters", { group })) === 0);
    const ids = [uuidv7(), uuidv7()];
    for (const id of ids)
      await bus.publish({ id, topic: "poison.pill", type: "test.v1.Event", payload: new Uint8Array([1]), headers: {}, occurredAt: new Date().toISOString() });
    await waitFor("2 dead letters", async () => (await scraped("bus_dead_letters", { group })) === 2);
    fixed = true;
    assert.equal(await bus.replay(group, ids), 2);
    await waitFor("no dead letters", async () => (await scraped("bus_dead_letters", { group })) === 0);
    // A group nobody subscribed to here is not this process's to report.
    assert.equal(await scraped("bus_dead_letters", { group: `${run}.other` }), undefined);
  });
}
