// The seckill service's pure rules: attempt tokens, the ticket's transitions, a sale's status and
// the checks of a new sale.
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { test } from "node:test";
import { checkNewSale, saleStatus } from "../src/domain/sale.ts";
import { canTransition, givesUnitBack, stepsTo, ticketStatuses } from "../src/domain/ticket.ts";
import { signToken, tokenValid } from "../src/domain/token.ts";

void test("a token is valid for its sale and shopper until it expires, and for nothing else", () => {
  const key = randomBytes(32);
  const [sale, user, now] = [randomUUID(), randomUUID(), Date.now()];
  const token = signToken(key, sale, user, now + 60_000);
  assert.ok(tokenValid(key, token, sale, user, now));
  assert.ok(!tokenValid(key, token, sale, user, now + 60_000), "expired");
  assert.ok(!tokenValid(key, token, randomUUID(), user, now), "another sale");
  assert.ok(!tokenValid(key, token, sale, randomUUID(), now), "another shopper");
  assert.ok(!tokenValid(randomBytes(32), token, sale, user, now), "another key");
  const [, mac] = token.split(".");
  assert.ok(!tokenValid(key, `${now + 3_600_000}.${mac}`, sale, user, now), "a later expiry written in");
  for (const junk of ["", ".", "abc", "1.", `.${mac}`, `x${token}`]) assert.ok(!tokenValid(key, junk, sale, user, now), junk);
});

void test("tickets move only as the table allows; a unit goes back for an unpaid cancellation or a failure", () => {
  const allowed = ticketStatuses.flatMap((from) => ticketStatuses.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
  assert.deepEqual(allowed, ["QUEUED->ORDERED", "QUEUED->FAILED", "ORDERED->PAID", "ORDERED->CANCELLED", "PAID->CANCELLED"]);
  assert.ok(givesUnitBack("ORDERED", "CANCELLED"));
  assert.ok(givesUnitBack("QUEUED", "FAILED"));
  assert.ok(!givesUnitBack("PAID", "CANCELLED"));
});

void test("a ticket behind its order catches up through the table, through the status the order came from", () => {
  assert.deepEqual(stepsTo("QUEUED", "PAID"), [
    ["QUEUED", "ORDERED"],
    ["ORDERED", "PAID"],
  ]);
  assert.deepEqual(stepsTo("QUEUED", "CANCELLED"), [
    ["QUEUED", "ORDERED"],
    ["ORDERED", "CANCELLED"],
  ]);
  assert.deepEqual(stepsTo("ORDERED", "CANCELLED", "PAID"), [
    ["ORDERED", "PAID"],
    ["PAID", "CANCELLED"],
  ]);
  assert.deepEqual(stepsTo("PAID", "ORDERED"), [], "a late event changes nothing");
  assert.deepEqual(stepsTo("CANCELLED", "PAID"), []);
  assert.deepEqual(stepsTo("PAID", "PAID"), []);
});

void test("a sale is scheduled, active, then ended (at its end or when ended early); a new one is checked", () => {
  const now = Date.now();
  const w = { startsAt: new Date(now + 1000), endsAt: new Date(now + 2000), endedAt: null };
  assert.equal(saleStatus(w, now), "SCHEDULED");
  assert.equal(saleStatus(w, now + 1000), "ACTIVE");
  assert.equal(saleStatus(w, now + 2000), "ENDED");
  assert.equal(saleStatus({ ...w, endedAt: new Date(now) }, now + 1500), "ENDED");
  const sale = { salePriceMinor: 990, regularPriceMinor: 1990, startsAt: w.startsAt, endsAt: w.endsAt };
  checkNewSale(sale, now);
  assert.throws(() => checkNewSale({ ...sale, salePriceMinor: 1990 }, now), /below the regular price/);
  assert.throws(() => checkNewSale({ ...sale, endsAt: w.startsAt }, now), /after startsAt/);
  assert.throws(() => checkNewSale(sale, now + 5000), /in the future/);
  assert.throws(() => checkNewSale({ ...sale, endsAt: new Date(now + 29 * 86_400_000) }, now), /within 28 days/);
});
