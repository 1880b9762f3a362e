// Publishes committed outbox rows in order and marks them sent. Rows are marked in the same
// transaction that read them, after the bus confirmed them: a crash in between publishes them
// again (at least once; consumers deduplicate by id), and nothing committed is ever lost. One relay
// per database publishes at a time (an advisory lock), which keeps the order across instances.
// Woken by NOTIFY from the insert trigger, with polling as the fallback; also prunes sent rows
// and old inbox entries so neither table grows without bound.
import { SpanKind, trace } from "@opentelemetry/api";
import type { Db } from "../db.ts";
import type { Logger } from "../log.ts";
import { extractTraceContext } from "../telemetry.ts";
import { listen } from "./listen.ts";
import { measureOutbox } from "./outbox-gauges.ts";
import type { Bus } from "./port.ts";

export interface RelayOptions {
  /** Longest wait between looks at the outbox without a notification. Default 1 s. */
  pollMs?: number;
  batchSize?: number;
  /** Sent rows older than this are deleted. Default 24 h. */
  keepSentSeconds?: number;
  /** Inbox entries older than this are deleted: redeliveries later than that are not expected. Default 7 days. */
  keepInboxSeconds?: number;
  /** Names the service in the outbox gauges (outbox-gauges.ts); without it the relay measures nothing. */
  service?: string;
}

export interface OutboxRelay {
  /** Stops after the batch in progress; unsent rows wait for the next start. */
  stop(): Promise<void>;
}

interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  type: string;
  payload: Buffer;
  headers: Record<string, string>;
  created_at: Date;
  delay: number;
}

const tracer = trace.getTracer("shop-bus");
const pruneEveryMs = 10 * 60_000;
const measureEveryMs = 5000;

/** Deletes sent outbox rows and inbox entries past their keep time, at most 10,000 of each per call. */
export async function pruneOutbox(db: Db, opts: Pick<RelayOptions, "keepSentSeconds" | "keepInboxSeconds"> = {}): Promise<void> {
  const keepSent = opts.keepSentSeconds ?? 86_400;
  const keepInbox = opts.keepInboxSeconds ?? 7 * 86_400;
  // Bounded deletes: a backlog is worked off over several runs instead of one long statement.
  await db.$client.query(`delete from kit_outbox where seq in (select seq from kit_outbox where sent_at < now() - make_interval(secs => $1) limit 10000)`, [
    keepSent,
  ]);
  await db.$client.query(
    `delete from kit_inbox where (grp, message_id) in (select grp, message_id from kit_inbox where handled_at < now() - make_interval(secs => $1) limit 10000)`,
    [keepInbox],
  );
}

export function startOutboxRelay(db: Db, bus: Bus, logger: Logger, opts: RelayOptions = {}): OutboxRelay {
  const pool = db.$client;
  const pollMs = opts.pollMs ?? 1000;
  const batchSize = opts.batchSize ?? 100;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let measuredAt = 0;

  // After a pass, successful or not (a stuck relay is what the gauges are for); a failure keeps the last figures.
  const measure = async () => {
    if (!opts.service || Date.now() - measuredAt < measureEveryMs) return;
    measuredAt = Date.now();
    await measureOutbox(pool, opts.service).catch((err: unknown) => logger.debug({ err }, "outbox relay: measuring the outbox failed"));
  };

  const publish = (r: OutboxRow) =>
    tracer.startActiveSpan(
      `publish ${r.topic}`,
      { kind: SpanKind.PRODUCER, attributes: { "messaging.message.id": r.id } },
      extractTraceContext(new Headers(r.headers)),
      (span) =>
        bus
          .publish(
            { id: r.id, topic: r.topic, type: r.type, payload: r.payload, headers: r.headers, occurredAt: r.created_at.toISOString() },
            r.delay > 0 ? { delaySeconds: r.delay } : undefined,
          )
          .finally(() => span.end()),
    );

  /** One batch; true when there may be more. */
  const batch = async (): Promise<boolean> => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query("set local lock_timeout = '10s'");
      await client.query("select pg_advisory_xact_lock(hashtext('kit_outbox_relay'))");
      const { rows } = await client.query<OutboxRow>(
        // clock_timestamp(), not now(): the transaction began before the lock wait, and rows
        // committed meanwhile would otherwise look created in the future (a spurious delay).
        `select seq, id, topic, type, payload, headers, created_at,
                case when delay_seconds > 0 then greatest(0, delay_seconds - extract(epoch from clock_timestamp() - created_at))::float8 else 0 end as delay
         from kit_outbox where sent_at is null order by seq limit $1`,
        [batchSize],
      );
      const sent: string[] = [];
      let failure: Error | undefined;
      for (const row of rows) {
        try {
          await publish(row);
          sent.push(row.seq);
        } catch (err) {
          // Keep the order: nothing after a row that did not go out.
          failure = err instanceof Error ? err : new Error(`publishing ${row.id} failed`, { cause: err });
          break;
        }
      }
      if (sent.length) await client.query("update kit_outbox set sent_at = now() where seq = any($1::bigint[])", [sent]);
      await client.query("commit");
      if (failure) throw failure;
      return rows.length === batchSize;
    } catch (err) {
      await client.query("rollback").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(wake, ms);
  };

  const drain = async () => {
    try {
      do {
        again = false;
        while (!stopped && (await batch()));
      } while (again && !stopped);
      failures = 0;
      schedule(pollMs);
    } catch (err) {
      failures++;
      // Capped at 2 s: after a broker or database outage the backlog goes out within seconds.
      const backoff = Math.min(2_000, 500 * 2 ** Math.min(failures, 6));
      logger.warn({ err, retryInMs: backoff }, "outbox relay: publishing failed; the events stay in the outbox");
      schedule(backoff);
    }
    await measure();
  };

  function wake() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => (running = undefined));
  }

  const pruning = setInterval(() => void pruneOutbox(db, opts).catch((err: unknown) => logger.warn({ err }, "outbox relay: pruning failed")), pruneEveryMs);
  pruning.unref();

  const url = pool.options.connectionString;
  if (!url) throw new Error("startOutboxRelay: the pool has no connection string to LISTEN with");
  const listener = listen(url, "kit_outbox", wake, logger);
  wake();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(pruning);
      await listener.close();
      await running;
    },
  };
}
