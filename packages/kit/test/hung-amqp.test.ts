// A RabbitMQ that hangs (accepts connections, never answers), through the testkit's TCP proxy in
// front of the real broker: writes never wait on it (their events go to the outbox in the same
// transaction), the relay keeps them while the broker hangs, and after the hang every event is
// delivered to the consumer (which also went through the hang) and applied exactly once.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { Int32ValueSchema } from "@bufbuild/protobuf/wkt";
import { create } from "@bufbuild/protobuf";
import { createAmqpBus } from "@shop/kit/bus/amqp";
import { idempotentHandler } from "@shop/kit/bus/inbox";
import { enqueue } from "@shop/kit/bus/outbox";
import { startOutboxRelay } from "@shop/kit/bus/outbox-relay";
import type { Db } from "@shop/kit/db";
import { breakerState } from "@shop/kit/metrics";
import { amqpUrl, deleteAmqpObjects, requireRabbitMq } from "@shop/testkit/rabbitmq";
import { dropDatabases, postgresUrl, requirePostgres } from "@shop/testkit/servers";
import { startTcpProxy, type TcpProxy } from "@shop/testkit/tcp-proxy";
import { sleep, waitFor } from "@shop/testkit/wait";
import { applyEffect, effectCount, openServiceDb, quietLogger as logger } from "./helpers/bus.ts";

const run = `t${randomBytes(4).toString("hex")}`;
const exchange = `${run}.events`;
const group = `${run}.hung`;

void describe("a hung RabbitMQ", () => {
  let db: Db;
  let proxy: TcpProxy;
  before(async () => {
    await requirePostgres();
    await requireRabbitMq();
    db = await openServiceDb(postgresUrl, `${run}_svc`);
    const real = new URL(amqpUrl);
    proxy = await startTcpProxy(real.hostname, Number(real.port || 5672));
  });
  after(async () => {
    proxy?.hang(false);
    await db?.$client.end();
    await proxy?.close();
    await dropDatabases(`${run}_`);
    await deleteAmqpObjects([group, `${group}.dlq`], [exchange, `${exchange}.delay`]).catch(() => undefined);
  });

  void test("writes go on at normal speed, and every event is delivered once after the hang", async (t) => {
    const url = new URL(amqpUrl);
    url.host = `127.0.0.1:${proxy.port}`;
    const bus = await createAmqpBus({ url: url.toString(), exchange, logger, connectionName: `${run} hung` });
    t.after(() => bus.close());
    const handled = new Map<string, number>();
    await bus.subscribe(
      group,
      ["hung.*"],
      idempotentHandler(db, group, async (d, tx) => {
        handled.set(d.id, (handled.get(d.id) ?? 0) + 1);
        await applyEffect(tx, d.id);
      }),
    );
    const relay = startOutboxRelay(db, bus, logger, { pollMs: 200 });
    t.after(() => relay.stop());
    const write = (i: number) => db.transaction((tx) => enqueue(tx, { topic: "hung.event", schema: Int32ValueSchema }, create(Int32ValueSchema, { value: i })));

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await write(i));
    await waitFor("the events before the hang", () => ids.every((id) => handled.has(id)));

    proxy.hang(true);
    // Writes during the hang: each is a database transaction, never a wait on the broker.
    const started = Date.now();
    for (let i = 5; i < 25; i++) ids.push(await write(i));
    assert.ok(Date.now() - started < 2000, `20 writes with the broker hung took ${Date.now() - started} ms`);
    await sleep(12_000);
    const waiting = await db.$client.query<{ n: string }>("select count(*) as n from kit_outbox where sent_at is null");
    assert.ok(Number(waiting.rows[0]!.n) >= 1, "the events wait in the outbox while the broker hangs");
    proxy.hang(false);

    await waitFor("every event after the hang", () => ids.every((id) => handled.has(id)), 60_000, 100);
    for (const id of ids) assert.equal(await effectCount(db, id), 1, `event ${id} applied once`);
    await waitFor("the publisher's breaker closed", async () => {
      const series = (await breakerState.get()).values.find((v) => v.labels.kind === "amqp" && v.labels.target === `${run} hung`);
      return series?.value === 0;
    });
    await bus.ping();
  });
});
