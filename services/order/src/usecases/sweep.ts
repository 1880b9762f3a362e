// The sweeper, run at start and every SHOP_ORDER_SWEEP_SECONDS: checkouts stuck in PENDING (their
// runner died) are resumed or compensated, and unpaid orders past their deadline are cancelled
// (their OrderPaymentDue was lost or is late). Several instances may sweep at once: every step
// re-checks the order under its lock or with a conditional update.
import { startPeriodic, type Periodic } from "@shop/kit/periodic";
import { transaction } from "@shop/kit/transaction";
import { overdueUnpaid, stuckPending } from "../repo/orders.ts";
import type { Deps } from "./deps.ts";
import { cancelIfUnpaid } from "./payments.ts";
import { runSaga } from "./saga.ts";

const batch = 100;

export async function sweep(d: Deps): Promise<void> {
  for (const id of await stuckPending(d.db, d.sagaGraceSeconds, batch)) {
    await runSaga(d, id).catch((err: unknown) => d.logger.warn({ err, orderId: id }, "resuming a stuck checkout failed; the next sweep retries"));
  }
  for (const id of await overdueUnpaid(d.db, batch)) await transaction(d.db, (tx) => cancelIfUnpaid(tx, id));
}

/** Sweeps now and then every `everySeconds`, one sweep at a time; stop() waits for the one running. */
export function startSweeper(d: Deps, everySeconds: number): Periodic {
  return startPeriodic(
    "order sweep",
    () => everySeconds,
    () => sweep(d),
    d.logger,
    { now: true },
  );
}
