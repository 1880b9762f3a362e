// The drainer of the Redis profile: moves won tickets from the Redis list into PostgreSQL (ticket,
// history and won-attempt event in one transaction per batch). A batch is first moved to a
// processing list in one atomic step and dropped from it only after its transaction committed, so
// a crash in between loses nothing: at start, whatever the processing list holds is written again
// (insert … on conflict do nothing: a ticket written before makes no second row and no second
// event). Several instances may drain at once; each batch is one instance's.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import { transaction } from "@shop/kit/transaction";
import { recordWins } from "../repo/tickets.ts";
import type { Win } from "./port.ts";
import type { RedisGate } from "./redis.ts";

const batchSize = 200;

export interface Drainer {
  /** Resolves once the won tickets waiting now are written (tests, and a graceful stop). */
  drainNow(): Promise<number>;
  stop(): Promise<void>;
}

export function startDrainer(gate: RedisGate, db: Db, idleMs: () => number, logger: Logger): Drainer {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const write = async (wins: Win[]) => {
    if (!wins.length) return 0;
    await transaction(db, (tx) => recordWins(tx, wins));
    await gate.doneWith(wins);
    return wins.length;
  };
  const drainAll = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const wins = await gate.takeWon(batchSize);
      total += await write(wins);
      if (wins.length < batchSize) return total;
    }
  };
  // One round at a time: drainNow joins the round running, then runs one more.
  const round = () => (running = running.then(drainAll, drainAll));
  const loop = () => {
    if (stopped) return;
    void round()
      .catch((err: unknown) => {
        logger.warn({ err }, "draining won tickets failed; they stay in Redis and the next round tries again");
        return 0;
      })
      .then((n) => {
        if (!stopped) timer = setTimeout(loop, n ? 0 : idleMs());
      });
  };
  const redrain = async () => {
    try {
      const left = await gate.inProcessing();
      if (left.length) logger.info({ tickets: left.length }, "writing won tickets a previous drainer left in processing");
      for (let i = 0; i < left.length; i += batchSize) await write(left.slice(i, i + batchSize));
    } catch (err) {
      logger.warn({ err }, "re-draining the processing list failed; the next start tries again");
    }
  };
  running = redrain().then(() => 0);
  loop();

  return {
    drainNow: () => round(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
      // What was won until now goes to PostgreSQL before the process leaves.
      await round().catch((err: unknown) => logger.warn({ err }, "final drain failed; the tickets stay in Redis"));
    },
  };
}
