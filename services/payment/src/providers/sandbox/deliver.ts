// How the sandbox reports outcomes: as a provider does, by POSTing the signed event to the
// configured webhook URL (the gateway's webhook route), in the background, retrying with
// exponential back-off until it is answered 2xx. Each attempt is signed afresh, as Stripe does, so
// a late retry is not refused as stale. Deliveries live in memory: a sandbox restarted mid-retry
// forgets them (a real provider keeps them for days).
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@shop/kit/log";
import { signatureHeader } from "./signature.ts";

export interface WebhookSender {
  /** Starts delivering `body`; `sign` makes the signature header of each attempt. */
  send(eventId: string, body: Uint8Array, sign: () => string): void;
  /** Stops retrying and waits for deliveries in flight to give up. */
  close(): Promise<void>;
}

export interface SenderOptions {
  url: string;
  logger: Logger;
  maxAttempts?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  attemptTimeoutMs?: number;
}

export function createWebhookSender(opts: SenderOptions): WebhookSender {
  const { url, logger, maxAttempts = 12, firstDelayMs = 200, maxDelayMs = 30_000, attemptTimeoutMs = 10_000 } = opts;
  const stop = new AbortController();
  const inFlight = new Set<Promise<void>>();

  async function deliver(eventId: string, body: Uint8Array, sign: () => string): Promise<void> {
    for (let attempt = 1; attempt <= maxAttempts && !stop.signal.aborted; attempt++) {
      let failure: string;
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", [signatureHeader]: sign() },
          body,
          signal: AbortSignal.any([stop.signal, AbortSignal.timeout(attemptTimeoutMs)]),
        });
        const text = await res.text();
        if (res.ok) return;
        failure = `${res.status} ${text.slice(0, 200)}`;
      } catch (err) {
        failure = String(err);
      }
      logger.warn({ eventId, attempt, failure }, "sandbox webhook delivery failed; retrying");
      const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1));
      await sleep(delay * (0.5 + Math.random() / 2), undefined, { signal: stop.signal }).catch(() => undefined);
    }
    if (!stop.signal.aborted) logger.error({ eventId, url }, "sandbox webhook not delivered: gave up");
  }

  return {
    send(eventId, body, sign) {
      const p = deliver(eventId, body, sign).finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    async close() {
      stop.abort();
      await Promise.all(inFlight);
    },
  };
}
