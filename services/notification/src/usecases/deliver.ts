// The delivery worker: each round claims due deliveries (a lease, so a crashed instance's claims
// come back), sends each through its channel outside any transaction, and records sent, or a
// failure retried with back-off until the attempts run out.
import { startPeriodic, type Periodic } from "@shop/kit/periodic";
import { nextAttemptDelaySeconds } from "../domain/delivery.ts";
import { claimDue, markFailedAttempt, markSent, type DueDelivery } from "../repo/deliveries.ts";
import type { Deps } from "./deps.ts";

/** A claim outlives any one send (SMTP's own deadline is shorter). */
const leaseSeconds = 300;

async function deliverOne(d: Deps, due: DueDelivery): Promise<void> {
  const channel = d.channels[due.channel];
  try {
    if (!channel) throw new Error(`channel ${due.channel} is not configured`);
    await channel.send({ userId: due.userId, recipient: due.recipient, title: due.title, body: due.body });
    await markSent(d.db, due.id);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const retryIn = nextAttemptDelaySeconds(due.attempts, d.retry());
    d.logger.warn({ delivery: due.id, channel: due.channel, attempts: due.attempts, retryIn, err: message }, "notification delivery failed");
    await markFailedAttempt(d.db, due.id, message.slice(0, 500), retryIn);
  }
}

/** One round: how many deliveries were tried. */
export async function deliverDue(d: Deps, batch: number): Promise<number> {
  const due = await claimDue(d.db, batch, leaseSeconds);
  await Promise.all(due.map((x) => deliverOne(d, x)));
  return due.length;
}

export function startDeliveryWorker(d: Deps, everySeconds: () => number, batch: () => number): Periodic {
  return startPeriodic("notification delivery", everySeconds, async () => void (await deliverDue(d, batch())), d.logger);
}
