// The sweeper's work: release open reservations past their expiry, the last safety net behind the
// order service's own payment timeout. Each in a transaction of its own (one reservation row, then
// its stock rows in sku_id order, like every other writer); a reservation another instance (or a
// commit) holds is skipped (SKIP LOCKED), so several instances share the work.
import { transaction } from "@shop/kit/transaction";
import { expiredOpen, findReservation } from "../repo/reservations.ts";
import type { Deps } from "./deps.ts";
import { releaseLocked } from "./release-reservation.ts";

export const expiryCause = { actor: "inventory", reason: "reservation expired" };

/** Releases expired reservations, `batchSize` at a time, until none are left; returns how many. */
export async function expireReservations(d: Deps, batchSize: number): Promise<number> {
  let released = 0;
  for (;;) {
    const orderIds = await expiredOpen(d.db, batchSize);
    let now = 0;
    for (const orderId of orderIds) if (await expireOne(d, orderId)) now++;
    released += now;
    // A short batch is the last; one where all were taken by others would only repeat itself.
    if (orderIds.length < batchSize || now === 0) return released;
  }
}

async function expireOne(d: Deps, orderId: string): Promise<boolean> {
  return transaction(d.db, async (tx) => {
    const row = await findReservation(tx, orderId, "skip");
    if (row?.status !== "open") return false;
    await releaseLocked(tx, row, expiryCause);
    return true;
  });
}
