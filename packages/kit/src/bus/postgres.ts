// The event bus on PostgreSQL queue tables (embedded profile): one database shared by every
// service, created and migrated on first use. Topic-exchange semantics, consumer groups, leases,
// retries with backoff, dead letters and delays are all rows and times (see postgres-sql.ts).
import { fileURLToPath } from "node:url";
import { createDb, databaseUrl, ensureDatabase, migrate } from "../db.ts";
import type { Logger } from "../log.ts";
import { busMetrics } from "./instrument.ts";
import { listen } from "./listen.ts";
import { planSubscription } from "./options.ts";
import type { Bus, DeadLetter, Subscription } from "./port.ts";
import { startPgConsumer, toDelivery, type PgConsumer } from "./postgres-consumer.ts";
import { listDeadSql, notifyChannel, publishSql, replaySql, type MessageRow } from "./postgres-sql.ts";
import { assertTopic, patternRegex } from "./topics.ts";

const migrations = fileURLToPath(new URL("./migrations-pg", import.meta.url));
const instanceTtlSeconds = 60;
const heartbeatMs = 10_000;

export interface PostgresBusOptions {
  /** The PostgreSQL server (a URL to any database on it). */
  serverUrl: string;
  /** The bus database on it, shared by every service. */
  database: string;
  logger: Logger;
  /** How long a claimed message stays hidden from other instances; renewed while it is handled. Default 30 s. */
  leaseMs?: number;
  /** Longest wait between looks at a queue when no notification arrives. Default 500 ms. */
  pollMs?: number;
  /** Connections to the bus database at most. Default 5. */
  poolMax?: number;
  /** How long an unused connection stays open. Default 30 s. */
  idleMs?: number;
}

export async function createPostgresBus(opts: PostgresBusOptions): Promise<Bus> {
  const { logger } = opts;
  const leaseMs = opts.leaseMs ?? 30_000;
  const pollMs = opts.pollMs ?? 500;
  await ensureDatabase(opts.serverUrl, opts.database);
  const url = databaseUrl(opts.serverUrl, opts.database);
  const db = createDb(url, opts.poolMax ?? 5, undefined, opts.idleMs);
  await migrate(db, migrations, "bus");
  const pool = db.$client;

  const consumers = new Map<string, PgConsumer>(); // by group as stored
  const subscriptions = new Set<Subscription>();
  const perInstance = new Set<string>();
  const listener = listen(
    url,
    notifyChannel,
    (group) => {
      if (group === undefined) consumers.forEach((c) => c.wake());
      else consumers.get(group)?.wake();
    },
    logger,
  );

  // Keeps this process's per-instance groups alive and removes those of processes that died.
  const housekeeping = setInterval(() => {
    void (async () => {
      if (perInstance.size) {
        await pool.query(`update bus_groups set expires_at = now() + make_interval(secs => $2) where name = any($1::text[])`, [
          [...perInstance],
          instanceTtlSeconds,
        ]);
      }
      await pool.query("delete from bus_groups where expires_at < now()");
    })().catch((err: unknown) => logger.warn({ err }, "bus: housekeeping failed"));
  }, heartbeatMs);
  housekeeping.unref();

  const bind = async (group: string, patterns: string[], expiring: boolean) => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query(
        `insert into bus_groups (name, expires_at) values ($1, case when $2 then now() + make_interval(secs => $3) end)
         on conflict (name) do update set expires_at = excluded.expires_at`,
        [group, expiring, instanceTtlSeconds],
      );
      // The group listens to exactly these patterns now (a newer version may have dropped some).
      await client.query("delete from bus_bindings where grp = $1 and pattern <> all($2::text[])", [group, patterns]);
      await client.query(
        "insert into bus_bindings (grp, pattern, regex) select $1, p, r from unnest($2::text[], $3::text[]) as t(p, r) on conflict do nothing",
        [group, patterns, patterns.map(patternRegex)],
      );
      await client.query("commit");
    } catch (err) {
      await client.query("rollback").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };

  const bus: Bus = {
    async publish(message, options) {
      assertTopic(message.topic);
      const delay = Math.max(0, options?.delaySeconds ?? 0);
      const payload = Buffer.from(message.payload.buffer, message.payload.byteOffset, message.payload.byteLength);
      await pool.query(publishSql, [message.id, message.topic, message.type, payload, JSON.stringify(message.headers), message.occurredAt, delay]);
      busMetrics.published.inc({ topic: message.topic });
    },

    async subscribe(group, topics, handler, options) {
      const { o, name, patterns } = planSubscription(group, topics, options);
      if (consumers.has(name)) throw new Error(`group ${name} is already subscribed in this process`);
      await bind(name, patterns, o.perInstance);
      if (o.perInstance) perInstance.add(name);
      const consumer = startPgConsumer({ pool, group: name, metricGroup: group, handler, options: o, leaseMs, pollMs, logger });
      consumers.set(name, consumer);
      const subscription: Subscription = {
        async close() {
          if (consumers.get(name) !== consumer) return;
          consumers.delete(name);
          subscriptions.delete(subscription);
          await consumer.close();
          if (perInstance.delete(name)) await pool.query("delete from bus_groups where name = $1", [name]);
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },

    async deadLetters(group, limit = 100) {
      const { rows } = await pool.query<MessageRow & { error: string; failed_at: Date }>(listDeadSql, [group, Math.min(Math.max(1, limit), 10_000)]);
      return rows.map((r): DeadLetter => ({ ...toDelivery(group, r), error: r.error, failedAt: r.failed_at.toISOString() }));
    },

    async replay(group, ids) {
      if (!ids.length) return 0;
      const { rowCount } = await pool.query(replaySql, [group, ids]);
      return rowCount ?? 0;
    },

    async ping() {
      await pool.query("select 1");
    },

    async close() {
      await Promise.all([...subscriptions].map((s) => s.close()));
      subscriptions.clear();
      clearInterval(housekeeping);
      await listener.close();
      await pool.end();
    },
  };
  return bus;
}
