// The event bus port's contract, one suite run against both adapters: PostgreSQL queue tables and
// RabbitMQ. Each run uses names of its own (a database, an exchange, group names) and removes them.
// Nothing is asserted after a fixed sleep alone: tests poll with generous deadlines, and a short
// settle time only gives an unwanted duplicate the chance to show.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { after, before, describe, test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { trace } from "@opentelemetry/api";
import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { sourceNodeArgs } from "@shop/kit/entry";
import { idempotentHandler } from "@shop/kit/bus/inbox";
import type { Bus, BusMessage, Delivery, Handler } from "@shop/kit/bus/port";
import { databaseUrl, type Db } from "@shop/kit/db";
import { initTelemetry } from "@shop/kit/telemetry";
import { amqpUrl, deleteAmqpObjects, queueExists, requireRabbitMq } from "@shop/testkit/rabbitmq";
import { dropDatabases, postgresUrl, requirePostgres } from "@shop/testkit/servers";
import { sleep, waitFor } from "@shop/testkit/wait";
import { applyEffect, effectCount, openBus, openServiceDb, type BusSpec } from "./helpers/bus.ts";

initTelemetry("bus-test"); // consumer spans need a tracer provider and a context manager
const run = `t${randomBytes(4).toString("hex")}`;
const crashConsumer = fileURLToPath(new URL("./helpers/bus-crash-consumer.ts", import.meta.url));
/** Time for a duplicate to show up before asserting there is none. */
const settleMs = 800;

let counter = 0;
function message(topic: string, headers: Record<string, string> = {}): BusMessage {
  return {
    id: uuidv7(),
    topic,
    type: "test.v1.Event",
    payload: new TextEncoder().encode(`${topic} #${++counter}`),
    headers,
    occurredAt: new Date().toISOString(),
  };
}

function collector(work?: (d: Delivery) => void | Promise<void>) {
  const got: Delivery[] = [];
  const handler: Handler = async (d) => {
    got.push(d);
    await work?.(d);
  };
  return { got, handler, ids: () => got.map((d) => d.id) };
}

const sameIds = (a: string[], b: string[]) => assert.deepEqual([...a].sort(), [...b].sort());

interface Adapter {
  spec: BusSpec;
  prepare(): Promise<void>;
  /** Whether a group (as named in deliveries) still exists. */
  groupExists(bus: Bus, name: string): Promise<boolean>;
  cleanup(groups: string[]): Promise<void>;
}

function busContract(name: string, adapter: Adapter) {
  void describe(`bus contract: ${name}`, () => {
    const groups: string[] = [];
    let serviceDb: Db;
    const serviceDbName = `${run}_${adapter.spec.kind}_svc`;
    const group = (label: string) => {
      const g = `${run}.${label}`;
      groups.push(g);
      return g;
    };
    const open = async (t: TestContext) => {
      const bus = await openBus(adapter.spec);
      t.after(() => bus.close());
      return bus;
    };

    before(async () => {
      await adapter.prepare();
      serviceDb = await openServiceDb(postgresUrl, serviceDbName);
    });
    after(async () => {
      await serviceDb?.$client.end();
      await adapter.cleanup(groups);
    });

    void test("routes by exact topic and by * and # patterns, with the message intact", async (t) => {
      const bus = await open(t);
      const g = group("routing");
      const { got, handler } = collector();
      await bus.subscribe(g, ["order.created", "stock.*", "product.#"], handler);
      const sent = ["order.created", "order.deleted", "stock.changed", "stock.changed.twice", "product", "product.sku.price", "other"].map((topic) =>
        message(topic, { "x-request-id": `r-${topic}` }),
      );
      for (const m of sent) await bus.publish(m);
      await waitFor("4 deliveries", () => got.length >= 4);
      await sleep(settleMs);
      assert.deepEqual(got.map((d) => d.topic).sort(), ["order.created", "product", "product.sku.price", "stock.changed"]);
      const first = got.find((d) => d.topic === "order.created")!;
      const m = sent[0]!;
      assert.deepEqual({ ...first, payload: [...first.payload] }, { ...m, payload: [...m.payload], attempt: 1, group: g });
    });

    void test("each group gets each event once; instances of a group share the work", async (t) => {
      const [one, two] = [await open(t), await open(t)];
      const shared = group("shared");
      const alone = group("alone");
      const slow = () => sleep(15);
      const [a1, a2, b] = [collector(slow), collector(slow), collector()];
      await one.subscribe(shared, ["share.*"], a1.handler, { concurrency: 1 });
      await two.subscribe(shared, ["share.*"], a2.handler, { concurrency: 1 });
      await one.subscribe(alone, ["share.#"], b.handler);
      const sent = Array.from({ length: 24 }, (_, i) => message(`share.e${i % 3}`));
      for (const m of sent) await one.publish(m);
      await waitFor("all shared deliveries", () => a1.got.length + a2.got.length >= sent.length && b.got.length >= sent.length);
      await sleep(settleMs);
      sameIds(
        [...a1.ids(), ...a2.ids()],
        sent.map((m) => m.id),
      );
      sameIds(
        b.ids(),
        sent.map((m) => m.id),
      );
      assert.ok(a1.got.length > 0 && a2.got.length > 0, `both instances worked: ${a1.got.length} + ${a2.got.length}`);
    });

    void test("a message published while its group has no consumer waits for one (durable)", async (t) => {
      const g = group("durable");
      const first = await open(t);
      const sub = await first.subscribe(g, ["durable.*"], collector().handler);
      await sub.close();
      const sent = [message("durable.a"), message("durable.b")];
      for (const m of sent) await first.publish(m);
      const later = await open(t);
      const { got, handler, ids } = collector();
      await later.subscribe(g, ["durable.*"], handler);
      await waitFor("the waiting messages", () => got.length >= 2);
      sameIds(
        ids(),
        sent.map((m) => m.id),
      );
    });

    /** Publishes `m` to a consumer process that applies it (committed), then SIGKILLs it before it acknowledges. */
    const crashWhileHandling = async (t: TestContext, publisher: Bus, g: string, m: BusMessage) => {
      const spec = { bus: adapter.spec, serverUrl: postgresUrl, serviceDb: serviceDbName, group: g, pattern: `${m.topic.split(".")[0]}.#` };
      const child = spawn(process.execPath, [...sourceNodeArgs, crashConsumer, JSON.stringify(spec)], { stdio: ["ignore", "pipe", "inherit"] });
      t.after(() => void child.kill("SIGKILL"));
      const exited = new Promise((r) => child.once("exit", r));
      const lines: Record<string, unknown>[] = [];
      createInterface({ input: child.stdout }).on("line", (l) => lines.push(JSON.parse(l) as Record<string, unknown>));
      await waitFor("the crashing consumer to subscribe", () => lines.some((l) => l.ready), 30_000);
      await publisher.publish(m);
      await waitFor("the first application", () => lines.some((l) => l.applied === m.id));
      child.kill("SIGKILL"); // applied and committed, never acknowledged
      await exited;
      assert.equal(await effectCount(serviceDb, m.id), 1);
    };

    void test("a consumer that crashes before acknowledging gets the message again, and the inbox applies it once", async (t) => {
      const g = group("crash");
      const publisher = await open(t);
      const m = message("crash.me");
      await crashWhileHandling(t, publisher, g, m);
      const { got, handler } = collector(idempotentHandler(serviceDb, g, (d, tx) => applyEffect(tx, d.id)));
      await publisher.subscribe(g, ["crash.#"], handler);
      const again = await waitFor("the redelivery", () => got.find((d) => d.id === m.id), 30_000);
      assert.ok(again.attempt >= 2, `counted as a further attempt (${again.attempt})`);
      await sleep(settleMs);
      assert.equal(got.length, 1, "delivered again once");
      assert.equal(await effectCount(serviceDb, m.id), 1, "applied once");
    });

    void test("a message whose consumer dies on its last attempt is dead-lettered, not retried for ever", async (t) => {
      const g = group("killer");
      const bus = await open(t);
      const m = message("killer.msg");
      await crashWhileHandling(t, bus, g, m);
      const { got, handler } = collector();
      await bus.subscribe(g, ["killer.#"], handler, { maxAttempts: 1 });
      const [dead] = await waitFor(
        "the dead letter",
        async () => {
          const list = await bus.deadLetters(g);
          return list.length ? list : undefined;
        },
        30_000,
      );
      assert.equal(dead!.id, m.id);
      assert.match(dead!.error, /not acknowledged/);
      assert.equal(got.length, 0, "not handed to a handler again");
    });

    void test("a message failing maxAttempts times is dead-lettered with its error, listed without loss and replayed", async (t) => {
      const bus = await open(t);
      const g = group("dlq");
      let fixed = false;
      const times: number[] = [];
      const { got, handler } = collector((d) => {
        if (d.topic === "dlq.poison") times.push(Date.now());
        if (d.topic === "dlq.poison" && !fixed) throw new Error(`cannot handle ${d.id} yet`);
      });
      await bus.subscribe(g, ["dlq.*"], handler, { maxAttempts: 3, retryDelayMs: 100, maxRetryDelayMs: 1000 });
      const poison = message("dlq.poison");
      const fine = message("dlq.fine");
      await bus.publish(poison);
      await bus.publish(fine);

      const [dead] = await waitFor("the dead letter", async () => {
        const list = await bus.deadLetters(g);
        return list.length ? list : undefined;
      });
      assert.equal(dead!.id, poison.id);
      assert.equal(dead!.topic, "dlq.poison");
      assert.equal(dead!.group, g);
      assert.equal(dead!.attempt, 3);
      assert.deepEqual([...dead!.payload], [...poison.payload]);
      assert.match(dead!.error, /cannot handle .* yet/);
      assert.ok(!Number.isNaN(Date.parse(dead!.failedAt)), `failedAt is a time: ${dead!.failedAt}`);
      assert.deepEqual(
        got.filter((d) => d.id === poison.id).map((d) => d.attempt),
        [1, 2, 3],
      );
      assert.ok(times[1]! - times[0]! >= 95 && times[2]! - times[1]! >= 195, `backoff doubles: ${times[1]! - times[0]!}, ${times[2]! - times[1]!} ms`);
      assert.equal(got.filter((d) => d.id === fine.id).length, 1);
      assert.deepEqual(
        (await bus.deadLetters(g)).map((d) => d.id),
        [poison.id],
        "listing does not consume",
      );

      fixed = true;
      assert.equal(await bus.replay(g, [poison.id, uuidv7()]), 1);
      const replayed = await waitFor("the replayed message", () => got.filter((d) => d.id === poison.id)[3]);
      assert.equal(replayed.attempt, 1, "attempts start again");
      await waitFor("an empty dead-letter queue", async () => (await bus.deadLetters(g)).length === 0);
      assert.deepEqual(await bus.deadLetters(`${run}.no-such-group`), []);
    });

    void test("a delayed message arrives no earlier than asked and within a second of it", async (t) => {
      const bus = await open(t);
      const g = group("delay");
      const arrived = new Map<string, number>();
      await bus.subscribe(g, ["delay.*"], collector((d) => void arrived.set(d.id, Date.now())).handler);
      const later = message("delay.later");
      const now = message("delay.now");
      const start = Date.now();
      await bus.publish(later, { delaySeconds: 2 });
      await bus.publish(now);
      await waitFor("the immediate message", () => arrived.has(now.id));
      assert.ok(!arrived.has(later.id), "the delayed one is not there yet");
      const at = await waitFor("the delayed message", () => arrived.get(later.id));
      const elapsed = at - start;
      assert.ok(elapsed >= 2000 && elapsed <= 3000, `arrived after ${elapsed} ms`);
    });

    void test("trace headers travel and the handler runs in a span of the producer's trace", async (t) => {
      const bus = await open(t);
      const g = group("trace");
      const traceId = randomBytes(16).toString("hex");
      const spanId = randomBytes(8).toString("hex");
      let seen: { headers: Record<string, string>; traceId?: string; spanId?: string } | undefined;
      const { handler } = collector((d) => {
        const ctx = trace.getActiveSpan()?.spanContext();
        seen = { headers: d.headers, traceId: ctx?.traceId, spanId: ctx?.spanId };
      });
      await bus.subscribe(g, ["traced.*"], handler);
      const traceparent = `00-${traceId}-${spanId}-01`;
      await bus.publish(message("traced.event", { traceparent, baggage: "tenant=demo" }));
      await waitFor("the traced message", () => seen);
      assert.deepEqual(seen!.headers, { traceparent, baggage: "tenant=demo" });
      assert.equal(seen!.traceId, traceId);
      assert.notEqual(seen!.spanId, spanId, "a consumer span of its own");
    });

    void test("per-instance groups: every instance gets every event, and the group goes with its subscription", async (t) => {
      const [one, two] = [await open(t), await open(t)];
      const g = group("each");
      const [c1, c2] = [collector(), collector()];
      const s1 = await one.subscribe(g, ["each.#"], c1.handler, { perInstance: true });
      const s2 = await two.subscribe(g, ["each.#"], c2.handler, { perInstance: true });
      const sent = [message("each.a"), message("each.b.c")];
      for (const m of sent) await one.publish(m);
      await waitFor("both instances", () => c1.got.length >= 2 && c2.got.length >= 2);
      sameIds(
        c1.ids(),
        sent.map((m) => m.id),
      );
      sameIds(
        c2.ids(),
        sent.map((m) => m.id),
      );
      const names = [c1.got[0]!.group, c2.got[0]!.group];
      assert.notEqual(names[0], names[1]);
      assert.ok(names.every((n) => n.startsWith(`${g}.`)));
      assert.ok(await adapter.groupExists(one, names[0]!));
      await s1.close();
      await s2.close();
      for (const n of names) assert.equal(await adapter.groupExists(one, n), false, `${n} removed`);
    });
  });
}

after(() => dropDatabases(`${run}_`));

const pgDatabase = `${run}_bus`;
busContract("PostgreSQL", {
  spec: { kind: "postgres", serverUrl: postgresUrl, database: pgDatabase, leaseMs: 1500 },
  prepare: requirePostgres,
  async groupExists(_bus, name) {
    const client = new pg.Client({ connectionString: databaseUrl(postgresUrl, pgDatabase) });
    await client.connect();
    try {
      return (await client.query("select 1 from bus_groups where name = $1", [name])).rowCount === 1;
    } finally {
      await client.end();
    }
  },
  cleanup: () => Promise.resolve(), // the databases go at the end of the file
});

const exchange = `${run}.events`;
busContract("RabbitMQ", {
  spec: { kind: "amqp", url: amqpUrl, exchange },
  prepare: requireRabbitMq,
  groupExists: (_bus, name) => queueExists(name),
  async cleanup(groups) {
    const retries = [100, 200, 400, 800, 1000].flatMap((ms) => groups.map((g) => `${g}.retry.${ms}`));
    await deleteAmqpObjects([...groups, ...groups.map((g) => `${g}.dlq`), ...retries, `${exchange}.delay.2000`], [exchange, `${exchange}.delay`]);
  },
});
