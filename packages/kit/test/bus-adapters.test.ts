// What each bus adapter promises beyond the shared contract: RabbitMQ rides out a lost connection
// (consumers and publishing come back by themselves); PostgreSQL renews the lease of a long
// handler and is woken by NOTIFY rather than by its polling.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, test } from "node:test";
import { v7 as uuidv7 } from "uuid";
import { createAmqpBus } from "@shop/kit/bus/amqp";
import type { BusMessage, Delivery } from "@shop/kit/bus/port";
import { createPostgresBus } from "@shop/kit/bus/postgres";
import { amqpUrl, deleteAmqpObjects, requireRabbitMq } from "@shop/testkit/rabbitmq";
import { dropDatabases, postgresUrl, requirePostgres } from "@shop/testkit/servers";
import { startTcpProxy } from "@shop/testkit/tcp-proxy";
import { sleep, waitFor } from "@shop/testkit/wait";
import { quietLogger as logger, recordInto } from "./helpers/bus.ts";

const run = `t${randomBytes(4).toString("hex")}`;
const message = (topic: string): BusMessage => ({
  id: uuidv7(),
  topic,
  type: "test.v1.Event",
  payload: new Uint8Array([1]),
  headers: {},
  occurredAt: new Date().toISOString(),
});

void describe("bus on RabbitMQ", () => {
  const exchange = `${run}.events`;
  const group = `${run}.recover`;
  after(() => deleteAmqpObjects([group, `${group}.dlq`], [exchange, `${exchange}.delay`]));

  void test("rides out a lost connection: readiness says so, then consumers and publishing come back", async (t) => {
    await requireRabbitMq();
    const target = new URL(amqpUrl);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5672));
    t.after(() => proxy.close());
    const proxied = new URL(amqpUrl);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const bus = await createAmqpBus({ url: proxied.toString(), exchange, logger });
    t.after(() => bus.close());
    const direct = await createAmqpBus({ url: amqpUrl, exchange, logger });
    t.after(() => direct.close());
    const got: Delivery[] = [];
    await bus.subscribe(group, ["recover.*"], recordInto(got));

    proxy.refuse(true);
    proxy.dropConnections();
    await waitFor("readiness to report the loss", () =>
      bus.ping().then(
        () => false,
        () => true,
      ),
    );
    const whileDown = message("recover.while-down");
    await direct.publish(whileDown); // kept by the durable queue
    const pending = message("recover.published-while-down");
    const publishing = bus.publish(pending); // waits for the connection, within its deadline
    await sleep(300);
    proxy.refuse(false);

    await publishing;
    await waitFor("both messages after the reconnect", () => got.length >= 2, 20_000);
    assert.deepEqual(got.map((d) => d.id).sort(), [whileDown.id, pending.id].sort());
    await bus.ping();
  });
});

void describe("bus on PostgreSQL", () => {
  after(() => dropDatabases(`${run}_`));

  void test("a handler that outlives the lease keeps its message (the lease is renewed)", async (t) => {
    await requirePostgres();
    const opts = { serverUrl: postgresUrl, database: `${run}_bus`, logger, leaseMs: 400 };
    const [one, two] = [await createPostgresBus(opts), await createPostgresBus(opts)];
    t.after(() => Promise.all([one.close(), two.close()]));
    const got: Delivery[] = [];
    const slow = async (d: Delivery) => {
      got.push(d);
      await sleep(1500);
    };
    await one.subscribe(`${run}.slow`, ["slow.*"], slow, { concurrency: 1 });
    await two.subscribe(`${run}.slow`, ["slow.*"], slow, { concurrency: 1 });
    const m = message("slow.job");
    await one.publish(m);
    await waitFor("the delivery", () => got.length >= 1);
    await sleep(2500);
    assert.deepEqual(
      got.map((d) => [d.id, d.attempt]),
      [[m.id, 1]],
      "handled once, never taken over",
    );
  });

  void test("consumers are woken by NOTIFY, not only by polling", async (t) => {
    await requirePostgres();
    // Polling every 60 s: a delivery within seconds can only come from the notification.
    const bus = await createPostgresBus({ serverUrl: postgresUrl, database: `${run}_bus`, logger, pollMs: 60_000 });
    t.after(() => bus.close());
    const got: Delivery[] = [];
    await bus.subscribe(`${run}.wake`, ["wake.*"], recordInto(got));
    await sleep(500); // the first look at the empty queue is over
    for (let i = 0; i < 3; i++) {
      await bus.publish(message("wake.up"));
      await waitFor(`delivery ${i + 1}`, () => got.length > i, 5000);
    }
  });
});
