// Attempts in the PostgreSQL profile: the gate is a transaction.
import { after, before, describe } from "node:test";
import { attemptCases } from "./cases-attempt.ts";
import { startSeckill, type SeckillTest } from "./helpers.ts";

void describe("seckill attempts, gate in PostgreSQL", () => {
  let t: SeckillTest;
  before(async () => {
    t = await startSeckill();
  });
  after(() => t?.close());
  attemptCases(() => t);
});
