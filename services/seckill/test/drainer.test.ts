// The Redis profile's drainer: won tickets taken from the list but not yet written (a drainer that
// died in between) are written by the next one at its start, once, each event in the trace of its
// attempt. A Redis that lost a sale gets it back from PostgreSQL.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { context, propagation } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { createLogger } from "@shop/kit/log";
import { sql } from "drizzle-orm";
import { failFastRedis } from "@shop/kit/redis";
import { startDrainer } from "../src/gate/drainer.ts";
import { gateKeys } from "../src/gate/redis.ts";
import { findSale } from "../src/repo/sales.ts";
import { loadIntoGate } from "../src/usecases/load-gate.ts";
import { holdersOf } from "../src/repo/tickets.ts";
import { gateFixtures, redisUrl, winFor, type GateFixtures } from "./gate-fixtures.ts";

let f: GateFixtures;
before(async () => {
  // What the kit's telemetry sets up in a service.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  f = await gateFixtures();
});
after(() => f?.close());

void test("tickets a drainer took but never wrote are written by the next drainer, once, in their attempts' traces", async () => {
  const gate = await f.redisGate();
  const sale = await f.sale(5);
  await gate.load(sale);
  const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
  const wins = [winFor(sale), winFor(sale), winFor(sale)].map((w, i) => ({ ...w, trace: { traceparent: `00-${traceId}-00f067aa0ba902b${i}-01` } }));
  for (const w of wins) assert.equal((await gate.attempt(w)).outcome, "WON");
  assert.equal(await gate.queueDepth(), 3);
  // The first drainer takes the batch and dies before its transaction.
  assert.equal((await gate.takeWon(10)).length, 3);
  assert.equal((await holdersOf(f.db, sale.saleId)).holders.size, 0);

  const drainer = startDrainer(gate, f.db, () => 50, createLogger("test", "silent"));
  await drainer.drainNow();
  await drainer.stop();
  assert.equal(await gate.queueDepth(), 0);
  const written = (await holdersOf(f.db, sale.saleId)).holders;
  assert.deepEqual([...written.values()].sort(), wins.map((w) => w.ticketId).sort());
  assert.equal((await f.eventsOf(sale.saleId)).length, 3);
  const { rows } = await f.db.execute<{ traceparent: string }>(
    sql`select headers->>'traceparent' as traceparent from kit_outbox where topic = 'seckill.attempt_won'`,
  );
  const traces = rows.map((r) => r.traceparent?.split("-")[1]);
  assert.deepEqual(traces, [traceId, traceId, traceId]);
});

void test("a Redis that lost a sale gets it back from PostgreSQL: units left are the quantity less the tickets holding one, winners stay winners", async () => {
  const gate = await f.redisGate();
  const sale = await f.sale(3);
  await gate.load(sale);
  const winner = winFor(sale);
  assert.equal((await gate.attempt(winner)).outcome, "WON");
  const drainer = startDrainer(gate, f.db, () => 50, createLogger("test", "silent"));
  await drainer.drainNow();
  await drainer.stop();
  // Redis restarts (it keeps nothing on disk here): the sale's keys are gone.
  const redis = failFastRedis(redisUrl);
  await redis.connect();
  const keys = gateKeys(f.keyPrefix);
  await redis.del(keys.sale(sale.saleId), keys.holders(sale.saleId), keys.returned(sale.saleId));
  await redis.quit();
  assert.equal((await gate.attempt(winFor(sale))).outcome, "MISSING");
  await loadIntoGate({ db: f.db, gate }, (await findSale(f.db, sale.saleId))!);
  assert.equal((await gate.remaining([sale.saleId])).get(sale.saleId), 2);
  assert.deepEqual(await gate.attempt(winFor(sale, winner.userId)), { outcome: "HELD", ticketId: winner.ticketId });
});
