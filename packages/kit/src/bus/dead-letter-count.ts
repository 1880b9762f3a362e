// How many dead letters each group holds, for the dead-letter gauge (dead-letter-gauge.ts), read
// beside the bus rather than through it: the Bus port only lists letters, which on RabbitMQ means
// taking them one by one. RabbitMQ: the DLQ's message count (checkQueue) on one small connection of
// its own; PostgreSQL: a count per group in the bus database, on a connection opened for the count
// and closed when idle, so no pool slot is held between rounds.
import { connect, type ChannelModel } from "amqplib";
import pg from "pg";
import { databaseUrl } from "../db.ts";
import type { PlatformConfig } from "../platform.ts";
import { withTimeout as bounded } from "./amqp-publisher.ts";
import { dlqName } from "./amqp-topology.ts";
import { busDatabase } from "./create.ts";

export interface DeadLetterCounter {
  /** Dead letters per group (0 for a group with none, or whose DLQ does not exist yet). */
  count(groups: string[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}

const timeoutMs = 5000;
const withTimeout = <T>(what: string, p: Promise<T>) => bounded(what, p, timeoutMs);

export function postgresDeadLetterCounter(busUrl: string): DeadLetterCounter {
  const pool = new pg.Pool({ connectionString: busUrl, max: 1, idleTimeoutMillis: 1000, connectionTimeoutMillis: timeoutMs, allowExitOnIdle: true });
  pool.on("error", () => undefined); // an idle connection dropped by the server: the next count opens another
  return {
    async count(groups) {
      const { rows } = await pool.query<{ grp: string; n: number }>(
        "select grp, count(*)::int as n from bus_dead_letters where grp = any($1::text[]) group by grp",
        [groups],
      );
      const found = new Map(rows.map((r) => [r.grp, r.n]));
      return new Map(groups.map((g) => [g, found.get(g) ?? 0]));
    },
    close: () => pool.end(),
  };
}

export function amqpDeadLetterCounter(url: string): DeadLetterCounter {
  let conn: Promise<ChannelModel> | undefined;
  const open = () =>
    (conn ??= withTimeout("connecting to RabbitMQ", connect(url, { clientProperties: { connection_name: "shop-dead-letter-gauge" } })).then(
      (c) => {
        c.on("error", () => undefined);
        c.on("close", () => (conn = undefined));
        return c;
      },
      (err: unknown) => {
        conn = undefined;
        throw err;
      },
    ));
  return {
    async count(groups) {
      const c = await open();
      const counts = new Map<string, number>();
      let ch = await withTimeout("opening a channel", c.createChannel());
      ch.on("error", () => undefined);
      try {
        for (const group of groups) {
          try {
            counts.set(group, (await withTimeout("checkQueue", ch.checkQueue(dlqName(group)))).messageCount);
          } catch (err) {
            if ((err as { code?: number }).code !== 404) throw err;
            counts.set(group, 0);
            // The broker closes a channel that asked for a missing queue.
            ch = await withTimeout("opening a channel", c.createChannel());
            ch.on("error", () => undefined);
          }
        }
      } finally {
        await ch.close().catch(() => undefined);
      }
      return counts;
    },
    async close() {
      const c = await conn?.catch(() => undefined);
      conn = undefined;
      await c?.close().catch(() => undefined);
    },
  };
}

/** The counter for the bus the configuration asks for (as createBus chooses it). */
export function deadLetterCounter(config: PlatformConfig): DeadLetterCounter {
  return config.amqpUrl ? amqpDeadLetterCounter(config.amqpUrl) : postgresDeadLetterCounter(databaseUrl(config.postgresUrl, busDatabase(config)));
}
