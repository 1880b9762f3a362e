// Attempts in the Redis profile: the gate is a Lua script, the drainer writes the tickets.
import { after, before, describe } from "node:test";
import { attemptCases } from "./cases-attempt.ts";
import { startSeckill, type SeckillTest } from "./helpers.ts";

void describe("seckill attempts, gate in Redis", () => {
  let t: SeckillTest;
  before(async () => {
    t = await startSeckill({ redis: true });
  });
  after(() => t?.close());
  attemptCases(() => t);
});
