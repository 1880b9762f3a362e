// The gate of the Redis profile: every attempt is one Lua script (redis-scripts.ts), one round trip;
// a won ticket waits in a Redis list until the drainer (drainer.ts) writes it to PostgreSQL.
// Redis keeps nothing on disk here: when it restarts, each sale's entry is rebuilt from PostgreSQL
// on the next attempt or start (remaining = quantity − tickets holding a unit; holders from the
// tickets); won tickets not yet drained at that moment are lost with it.
import type { Redis } from "ioredis";
import { AppError } from "@shop/kit/errors";
import type { Gate, GateOutcome, GateSale, Win } from "./port.ts";
import { attemptScript, endScript, giveBackScript, loadScript, takeBatchScript } from "./redis-scripts.ts";

interface GateCommands {
  gateAttempt(sale: string, holders: string, won: string, now: number, userId: string, ticketId: string, payload: string): Promise<string[]>;
  gateLoad(sale: string, holders: string, returned: string, ...args: (string | number)[]): Promise<number>;
  gateGiveBack(sale: string, returned: string, ticketId: string): Promise<number>;
  gateEnd(sale: string): Promise<number>;
  gateTake(won: string, processing: string, max: number): Promise<string[]>;
}

/** The keys of one gate: `prefix` keeps shops (and test runs) sharing a Redis apart. */
export function gateKeys(prefix: string) {
  return {
    sale: (id: string) => `${prefix}sale:${id}`,
    holders: (id: string) => `${prefix}sale:${id}:holders`,
    returned: (id: string) => `${prefix}sale:${id}:returned`,
    won: `${prefix}won`,
    processing: `${prefix}won:processing`,
  };
}

export interface RedisGate extends Gate {
  /** Moves up to `max` won tickets to the processing list and returns them, oldest first. */
  takeWon(max: number): Promise<Win[]>;
  /** What the processing list holds (left by a drainer that died, or in progress elsewhere). */
  inProcessing(): Promise<Win[]>;
  /** Drops tickets from the processing list once they are in PostgreSQL. */
  doneWith(wins: Win[]): Promise<void>;
}

export function createRedisGate(redis: Redis, prefix: string): RedisGate {
  const r = redis as Redis & GateCommands;
  r.defineCommand("gateAttempt", { numberOfKeys: 3, lua: attemptScript });
  r.defineCommand("gateLoad", { numberOfKeys: 3, lua: loadScript });
  r.defineCommand("gateGiveBack", { numberOfKeys: 2, lua: giveBackScript });
  r.defineCommand("gateEnd", { numberOfKeys: 1, lua: endScript });
  r.defineCommand("gateTake", { numberOfKeys: 2, lua: takeBatchScript });
  const k = gateKeys(prefix);
  // The exact JSON pushed, kept per ticket so doneWith removes that very entry.
  const raw = new WeakMap<Win, string>();
  const parse = (items: string[]) =>
    items.map((item) => {
      const win = JSON.parse(item) as Win;
      raw.set(win, item);
      return win;
    });

  return {
    kind: "redis",
    async load(s: GateSale) {
      const pairs = [...s.holders].flat();
      const expireAt = s.endsAt.getTime() + 86_400_000;
      const head = [s.remaining, s.startsAt.getTime(), s.endsAt.getTime(), s.ended ? "1" : "0", expireAt, s.holders.size];
      await r.gateLoad(k.sale(s.saleId), k.holders(s.saleId), k.returned(s.saleId), ...head, ...pairs, ...s.returned);
    },
    async attempt(win: Win): Promise<GateOutcome> {
      const [outcome, ticketId] = await r
        .gateAttempt(k.sale(win.saleId), k.holders(win.saleId), k.won, win.wonAtMs, win.userId, win.ticketId, JSON.stringify(win))
        .catch(() => {
          // No answer in time (or no Redis): the step may or may not have run. Asking again is
          // safe, since a shopper who won is answered their ticket (HELD), so say so.
          throw new AppError("unavailable", "GATE_UNAVAILABLE", "the flash sale could not decide in time: try again", { retryAfterSeconds: 1 });
        });
      if (outcome === "WON" || outcome === "HELD") return { outcome, ticketId: ticketId! };
      if (outcome === "SOLD_OUT" || outcome === "NOT_STARTED" || outcome === "ENDED" || outcome === "MISSING") return { outcome };
      throw new Error(`gate script answered ${outcome}`);
    },
    async end(saleId) {
      await r.gateEnd(k.sale(saleId));
    },
    async giveBack(saleId, ticketId) {
      await r.gateGiveBack(k.sale(saleId), k.returned(saleId), ticketId);
    },
    async remaining(saleIds) {
      if (!saleIds.length) return new Map();
      const pipeline = r.pipeline();
      for (const id of saleIds) pipeline.hget(k.sale(id), "remaining");
      const replies = (await pipeline.exec()) ?? [];
      const out = new Map<string, number>();
      replies.forEach(([err, value], i) => {
        if (err) throw err;
        if (value !== null) out.set(saleIds[i]!, Number(value));
      });
      return out;
    },
    async ticketOf(saleId, userId) {
      return (await r.hget(k.holders(saleId), userId)) ?? undefined;
    },
    async holders(saleId) {
      return new Map(Object.entries(await r.hgetall(k.holders(saleId))));
    },
    async queueDepth() {
      const [won, processing] = await Promise.all([r.llen(k.won), r.llen(k.processing)]);
      return won + processing;
    },
    async takeWon(max) {
      return parse(await r.gateTake(k.won, k.processing, max)).reverse();
    },
    async inProcessing() {
      return parse(await r.lrange(k.processing, 0, -1)).reverse();
    },
    async doneWith(wins) {
      if (!wins.length) return;
      const pipeline = r.pipeline();
      for (const w of wins) pipeline.lrem(k.processing, 1, raw.get(w) ?? JSON.stringify(w));
      await pipeline.exec();
    },
    async close() {
      await redis.quit();
    },
  };
}
