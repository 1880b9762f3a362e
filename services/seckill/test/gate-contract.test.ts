// The gate's contract, run against both adapters (PostgreSQL; Redis with its drainer): a crowd
// wins exactly the units there are, at most one per shopper; a winner asking again gets the same
// ticket; the window and an end are kept; a unit given back is given back once; every win becomes
// one ticket and one won-attempt event in PostgreSQL.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { createLogger } from "@shop/kit/log";
import { startDrainer, type Drainer } from "../src/gate/drainer.ts";
import { createPostgresGate } from "../src/gate/postgres.ts";
import type { Gate, GateOutcome } from "../src/gate/port.ts";
import { holdersOf } from "../src/repo/tickets.ts";
import { gateFixtures, winFor, type GateFixtures } from "./gate-fixtures.ts";

let f: GateFixtures;
before(async () => {
  f = await gateFixtures();
});
after(() => f?.close());

function contract(name: string, make: () => Promise<{ gate: Gate; settle: () => Promise<void>; stop: () => Promise<void> }>) {
  void describe(`gate contract: ${name}`, () => {
    let gate: Gate;
    let settle: () => Promise<void>;
    let stop: () => Promise<void>;
    before(async () => {
      ({ gate, settle, stop } = await make());
    });
    after(() => stop?.());

    void test("500 shoppers at once for 10 units: exactly 10 win, 10 different shoppers, each with one ticket and one event", async () => {
      const sale = await f.sale(10);
      await gate.load(sale);
      const shoppers = Array.from({ length: 500 }, () => randomUUID());
      const outcomes = await Promise.all(shoppers.map((u) => gate.attempt(winFor(sale, u))));
      const won = outcomes.flatMap((o, i) => (o.outcome === "WON" ? [{ user: shoppers[i]!, ticket: o.ticketId }] : []));
      assert.equal(won.length, 10);
      assert.equal(outcomes.filter((o) => o.outcome === "SOLD_OUT").length, 490);
      assert.equal(new Set(won.map((w) => w.user)).size, 10);
      assert.deepEqual(await gate.remaining([sale.saleId]), new Map([[sale.saleId, 0]]));
      assert.deepEqual(await gate.holders(sale.saleId), new Map(won.map((w) => [w.user, w.ticket])));
      await settle();
      assert.deepEqual((await holdersOf(f.db, sale.saleId)).holders, new Map(won.map((w) => [w.user, w.ticket])));
      const events = await f.eventsOf(sale.saleId);
      assert.deepEqual(events.map((e) => e.ticketId).sort(), won.map((w) => w.ticket).sort());
      assert.ok(events.every((e) => e.salePriceMinor === 990n && e.currency === "CNY"));
    });

    void test("a shopper who won gets the same ticket again, even asking twice at once, and takes one unit", async () => {
      const sale = await f.sale(5);
      await gate.load(sale);
      const user = randomUUID();
      const [a, b] = await Promise.all([gate.attempt(winFor(sale, user)), gate.attempt(winFor(sale, user))]);
      const tickets = [a, b].map((o) => ("ticketId" in o ? o.ticketId : o.outcome));
      assert.deepEqual([a.outcome, b.outcome].sort(), ["HELD", "WON"]);
      assert.equal(tickets[0], tickets[1]);
      const c = await gate.attempt(winFor(sale, user));
      assert.deepEqual(c, { outcome: "HELD", ticketId: tickets[0] });
      assert.equal((await gate.remaining([sale.saleId])).get(sale.saleId), 4);
      assert.equal(await gate.ticketOf(sale.saleId, user), tickets[0]);
      await settle();
      assert.equal((await f.eventsOf(sale.saleId)).length, 1);
    });

    void test("before the start and after the end (or once ended) attempts are refused and take nothing", async () => {
      const early = await f.sale(3, { startsInMs: 3_600_000, endsInMs: 7_200_000 });
      const late = await f.sale(3, { startsInMs: -7_200_000, endsInMs: -3_600_000 });
      const ended = await f.sale(3);
      for (const s of [early, late, ended]) await gate.load(s);
      await gate.end(ended.saleId);
      const outcome = async (s: typeof early): Promise<GateOutcome["outcome"]> => (await gate.attempt(winFor(s))).outcome;
      assert.equal(await outcome(early), "NOT_STARTED");
      assert.equal(await outcome(late), "ENDED");
      assert.equal(await outcome(ended), "ENDED");
      const left = await gate.remaining([early.saleId, late.saleId, ended.saleId]);
      assert.deepEqual([...left.values()], [3, 3, 3]);
    });

    void test("a unit given back can be won by another shopper, once however often it is given back; its shopper cannot win again", async () => {
      const sale = await f.sale(1);
      await gate.load(sale);
      const first = randomUUID();
      const won = await gate.attempt(winFor(sale, first));
      assert.equal(won.outcome, "WON");
      assert.equal((await gate.attempt(winFor(sale))).outcome, "SOLD_OUT");
      const ticket = (won as { ticketId: string }).ticketId;
      await gate.giveBack(sale.saleId, ticket);
      await gate.giveBack(sale.saleId, ticket);
      assert.equal((await gate.remaining([sale.saleId])).get(sale.saleId), 1);
      assert.deepEqual(await gate.attempt(winFor(sale, first)), { outcome: "HELD", ticketId: ticket });
      assert.equal((await gate.attempt(winFor(sale))).outcome, "WON");
      assert.equal((await gate.attempt(winFor(sale))).outcome, "SOLD_OUT");
    });

    void test("loading a sale the gate has keeps its live counts; a sale it does not have is MISSING", async () => {
      const sale = await f.sale(2);
      await gate.load(sale);
      assert.equal((await gate.attempt(winFor(sale))).outcome, "WON");
      await gate.load(sale);
      assert.equal((await gate.remaining([sale.saleId])).get(sale.saleId), 1);
      const unknown = await f.sale(2);
      assert.equal((await gate.attempt(winFor(unknown))).outcome, "MISSING");
    });
  });
}

contract("PostgreSQL", () => Promise.resolve({ gate: createPostgresGate(f.db), settle: () => Promise.resolve(), stop: () => Promise.resolve() }));

contract("Redis", async () => {
  const gate = await f.redisGate();
  const drainer: Drainer = startDrainer(gate, f.db, () => 50, createLogger("test", "silent"));
  return { gate, settle: async () => void (await drainer.drainNow()), stop: () => drainer.stop() };
});
