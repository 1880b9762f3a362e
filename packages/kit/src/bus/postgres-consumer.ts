// One subscription's loop on the PostgreSQL bus: claim due rows under a lease (renewed while the
// handler runs), run at most `concurrency` handlers, then acknowledge (delete), retry later with
// backoff, or move to the dead letters. Woken by NOTIFY, by a finished handler, or by a timer no
// longer than the poll interval (sooner when the next delayed message is due sooner).
import type { Pool } from "pg";
import type { Logger } from "../log.ts";
import { busMetrics, runHandler } from "./instrument.ts";
import { errorText, retryDelay, type ResolvedOptions } from "./options.ts";
import type { Delivery, Handler } from "./port.ts";
import { ackSql, claimSql, deadLetterSql, nextDueSql, renewSql, retrySql, type MessageRow } from "./postgres-sql.ts";

export interface PgConsumerSpec {
  pool: Pool;
  /** The group's name in the queue tables (unique per process for per-instance groups). */
  group: string;
  /** The group as subscribed, for metrics. */
  metricGroup: string;
  handler: Handler;
  options: ResolvedOptions;
  leaseMs: number;
  pollMs: number;
  logger: Logger;
}

export interface PgConsumer {
  wake(): void;
  /** Stops claiming and waits for the handlers in flight to finish. */
  close(): Promise<void>;
}

type ClaimedRow = MessageRow & { lease: string; last_error: string | null; seq: string };

export function toDelivery(group: string, row: MessageRow): Delivery {
  return {
    id: row.id,
    topic: row.topic,
    type: row.type,
    payload: new Uint8Array(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength),
    headers: row.headers,
    occurredAt: row.occurred_at.toISOString(),
    attempt: row.attempts,
    group,
  };
}

export function startPgConsumer(spec: PgConsumerSpec): PgConsumer {
  const { pool, group, options: o, logger } = spec;
  const inFlight = new Map<string, Promise<void>>(); // by lease
  let closed = false;
  let pumping: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const renew = setInterval(
    () => {
      if (!inFlight.size) return;
      pool.query(renewSql, [group, [...inFlight.keys()], spec.leaseMs]).catch((err: unknown) => logger.warn({ err, group }, "bus: renewing leases failed"));
    },
    Math.max(100, Math.floor(spec.leaseMs / 3)),
  );
  renew.unref();

  const labels = (row: MessageRow) => ({ topic: row.topic, group: spec.metricGroup });

  const deadLetter = async (row: ClaimedRow, error: string) => {
    await pool.query(deadLetterSql, [group, row.lease, error]);
    busMetrics.deadLettered.inc(labels(row));
    logger.warn({ group, topic: row.topic, messageId: row.id, attempts: row.attempts, error }, "bus: message dead-lettered");
  };

  const settle = async (row: ClaimedRow) => {
    if (row.attempts > o.maxAttempts) {
      // Its last attempt's lease ran out: the consumer crashed or hung before acknowledging.
      const why = `not acknowledged within its lease on attempt ${row.attempts - 1}${row.last_error ? `; earlier: ${row.last_error}` : ""}`;
      return deadLetter(row, why);
    }
    const err = await runHandler(spec.handler, toDelivery(group, row), spec.metricGroup, o.timeoutMs);
    if (err === undefined) await pool.query(ackSql, [group, row.lease]);
    else if (row.attempts >= o.maxAttempts) await deadLetter(row, errorText(err));
    else await pool.query(retrySql, [group, row.lease, retryDelay(o, row.attempts), errorText(err)]);
  };

  const start = (row: ClaimedRow) => {
    const done = settle(row)
      // A failed acknowledgement leaves the lease to expire: the message comes again (at least once).
      .catch((err: unknown) => logger.warn({ err, group, messageId: row.id }, "bus: settling a delivery failed"))
      .finally(() => {
        inFlight.delete(row.lease);
        wake();
      });
    inFlight.set(row.lease, done);
  };

  const sleep = (ms: number) => {
    clearTimeout(timer);
    if (!closed) timer = setTimeout(wake, Math.max(5, ms));
  };

  const drain = async () => {
    let wait = spec.pollMs;
    try {
      do {
        again = false;
        while (!closed && inFlight.size < o.concurrency) {
          const want = o.concurrency - inFlight.size;
          const { rows } = await pool.query<ClaimedRow>(claimSql, [group, want, spec.leaseMs]);
          rows.sort((a, b) => Number(a.seq) - Number(b.seq)).forEach(start);
          if (rows.length < want) break;
        }
      } while (again && !closed);
      if (!closed && inFlight.size < o.concurrency) {
        const { rows } = await pool.query<{ ms: string | null }>(nextDueSql, [group]);
        if (rows[0]?.ms != null) wait = Math.min(wait, Number(rows[0].ms));
      }
    } catch (err) {
      logger.warn({ err, group }, "bus: polling the queue failed; trying again");
    }
    sleep(wait);
  };

  function wake() {
    if (closed) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = drain().finally(() => {
      pumping = undefined;
      if (again) wake(); // woken while looking for the next due time
    });
  }

  wake();
  return {
    wake,
    async close() {
      closed = true;
      clearTimeout(timer);
      await pumping;
      await Promise.all(inFlight.values());
      clearInterval(renew);
    },
  };
}
