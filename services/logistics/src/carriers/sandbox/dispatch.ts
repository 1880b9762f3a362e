// Delivers the sandbox carrier's due events as a carrier does: an HTTP POST of the signed JSON body
// to the webhook URL (the gateway's route), signed afresh on each attempt. Answered 2xx, or 409 (the
// same delivery was accepted before), the event is done; otherwise it is tried again with
// exponential back-off, and given up after `maxAttempts` (logged), so nothing is retried forever.
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import { startPeriodic, type Periodic } from "@shop/kit/periodic";
import { toBody } from "./event-body.ts";
import { claimDue, markDone, retryIn, type SandboxEventRow } from "./schedule.ts";
import { signatureHeader } from "./signature.ts";

export interface DispatchOptions {
  db: Db;
  url: string;
  logger: Logger;
  /** The header of `body` signed now. */
  sign: (body: Uint8Array) => string;
  pollSeconds: () => number;
  maxAttempts?: number;
  attemptTimeoutMs?: number;
}

const batch = 10;

export function startDispatcher(o: DispatchOptions): Periodic {
  const { maxAttempts = 15, attemptTimeoutMs = 5_000 } = o;
  // Longer than a whole batch of attempts can take, so a lease never runs out while its round works.
  const leaseSeconds = Math.ceil((batch * attemptTimeoutMs) / 1000) + 5;

  async function deliver(row: SandboxEventRow): Promise<string | undefined> {
    const body = Buffer.from(JSON.stringify(toBody(row)));
    try {
      const res = await fetch(o.url, {
        method: "POST",
        headers: { "content-type": "application/json", [signatureHeader]: o.sign(body) },
        body,
        signal: AbortSignal.timeout(attemptTimeoutMs),
      });
      const text = await res.text();
      return res.ok || res.status === 409 ? undefined : `${res.status} ${text.slice(0, 200)}`;
    } catch (err) {
      return String(err);
    }
  }

  async function round(): Promise<void> {
    const rows = await claimDue(o.db, batch, leaseSeconds);
    for (const row of rows) {
      const failure = await deliver(row);
      if (failure === undefined) await markDone(o.db, row.id);
      else if (row.attempts >= maxAttempts) {
        o.logger.error({ eventId: row.id, url: o.url, failure }, "sandbox carrier webhook not delivered: gave up");
        await markDone(o.db, row.id);
      } else {
        o.logger.warn({ eventId: row.id, attempt: row.attempts, failure }, "sandbox carrier webhook delivery failed; retrying");
        await retryIn(o.db, row.id, Math.min(300, 2 ** (row.attempts - 1)));
      }
    }
  }

  return startPeriodic("sandbox carrier dispatch", o.pollSeconds, round, o.logger);
}
