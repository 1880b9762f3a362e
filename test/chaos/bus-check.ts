// The event side of the checker: every service's outbox is drained, every group's queue is empty,
// and each dead letter is listed with its error; one is only fine if a known, harmless reason
// explains it (none is known yet: any dead letter is a violation until someone explains it here).
import { execFileSync } from "node:child_process";
import { createAmqpBus } from "@shop/kit/bus/amqp";
import { createLogger } from "@shop/kit/log";
import type pg from "pg";
import type { Violation } from "./checker.ts";

/** Dead letters that are expected, with why. */
export const explainedDeadLetters: { error: RegExp; why: string }[] = [];

export interface QueueDepth {
  name: string;
  messages: number;
}

/** Every queue of the run's virtual host with its ready and unacknowledged messages. */
export function queueDepths(vhost: string): QueueDepth[] {
  const out = execFileSync("rabbitmqctl", ["list_queues", "-q", "--no-table-headers", "-p", vhost, "name", "messages"], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((p) => p.length === 2 && /^\d+$/.test(p[1]!))
    .map(([name, n]) => ({ name: name!, messages: Number(n) }));
}

/**
 * Group queues and their retry queues still holding messages: a message waiting out its backoff in
 * a retry queue is work not done yet (it comes back to its group's queue when its delay ends).
 * Dead letters are judged apart; delay queues hold events scheduled for later (payment due).
 */
export const undrained = (depths: QueueDepth[]) => depths.filter((q) => q.messages > 0 && !q.name.endsWith(".dlq") && !q.name.startsWith("shop.events.delay."));

/** Rows of the outbox not yet published. */
export async function unsentOutbox(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>("select count(*)::int as n from kit_outbox where sent_at is null");
  return rows[0]!.n;
}

export async function outboxesDrained(dbs: Record<string, pg.Client>): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const [service, db] of Object.entries(dbs)) {
    const exists = await db.query<{ t: string | null }>("select to_regclass('kit_outbox')::text as t");
    if (!exists.rows[0]!.t) continue;
    const n = await unsentOutbox(db);
    if (n) found.push({ rule: "outbox_drained", detail: `${service}: ${n} event(s) never published` });
  }
  return found;
}

/**
 * Queues still holding messages after `graceMs`: an event can still arrive after the run settled (a
 * provider's webhook retried late announces a payment), and one handled within the grace was not
 * left behind.
 */
export async function queuesDrained(vhost: string, graceMs = 20_000): Promise<Violation[]> {
  const until = Date.now() + graceMs;
  let left = undrained(queueDepths(vhost));
  while (left.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1000));
    left = undrained(queueDepths(vhost));
  }
  return left.map((q) => ({ rule: "queues_drained", detail: `${q.name}: ${q.messages} message(s) never handled` }));
}

export interface DeadLetterLine {
  group: string;
  topic: string;
  error: string;
  explainedBy: string | undefined;
}

/** Dead letters by group, read from the queues (the count is rabbitmqctl's; the details the bus's listing, bounded in time). */
export async function deadLetters(vhost: string, amqpUrl: string): Promise<{ lines: DeadLetterLine[]; violations: Violation[] }> {
  const full = queueDepths(vhost).filter((q) => q.name.endsWith(".dlq") && q.messages > 0);
  if (!full.length) return { lines: [], violations: [] };
  const counted = (lines: DeadLetterLine[]) => {
    const violations = lines
      .filter((l) => !l.explainedBy)
      .map((l) => ({ rule: "dead_letters_explained", detail: `${l.group} ${l.topic}: ${l.error.replace(/\s+/g, " ").slice(0, 300)}` }));
    return { lines, violations };
  };
  const unread = full.flatMap((q) =>
    Array.from({ length: q.messages }, () => ({ group: q.name.replace(/\.dlq$/, ""), topic: "?", error: "(not read)", explainedBy: undefined })),
  );
  const timeout = new Promise<DeadLetterLine[]>((resolve) => setTimeout(() => resolve(unread), 30_000).unref());
  return counted(
    await Promise.race([
      readDeadLetters(
        full.map((q) => q.name.replace(/\.dlq$/, "")),
        amqpUrl,
      ),
      timeout,
    ]),
  );
}

async function readDeadLetters(groups: string[], amqpUrl: string): Promise<DeadLetterLine[]> {
  const bus = await createAmqpBus({ url: amqpUrl, logger: createLogger("chaos-checker", "warn"), connectionName: "chaos-checker" });
  try {
    const lines: DeadLetterLine[] = [];
    for (const group of groups) {
      for (const d of await bus.deadLetters(group, 1000)) {
        lines.push({ group, topic: d.topic, error: d.error, explainedBy: explainedDeadLetters.find((e) => e.error.test(d.error))?.why });
      }
    }
    return lines;
  } finally {
    void bus.close().catch(() => undefined);
  }
}
