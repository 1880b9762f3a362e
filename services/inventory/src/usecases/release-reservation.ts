// ReleaseReservation: the order is cancelled (or its hold expired): reserved goes down again.
// Releasing what is released or committed changes nothing. An order never reserved is recorded
// as released, without lines: the order service may compensate a Reserve whose answer it never
// got, and that Reserve, should it arrive after this, then finds the order released and holds
// nothing (one still in flight is waited for by the INSERT, then released here).
import type { Tx } from "@shop/kit/db";
import { transaction } from "@shop/kit/transaction";
import { canMove } from "../domain/reservation.ts";
import { findReservation, insertReservation, linesOf, setStatus, type Reservation, type ReservationRow } from "../repo/reservations.ts";
import type { ChangeCause, Deps } from "./deps.ts";
import { moveLines } from "./move-lines.ts";

export async function releaseReservation(d: Deps, orderId: string, cause: ChangeCause): Promise<Reservation> {
  return transaction(d.db, async (tx) => {
    const row = await lockOrRecordReleased(tx, orderId, cause);
    return "lines" in row ? row : releaseLocked(tx, row, cause);
  });
}

/** The order's reservation, locked; one never made is recorded as released (and returned, without lines). */
export async function lockOrRecordReleased(tx: Tx, orderId: string, cause: ChangeCause): Promise<ReservationRow | Reservation> {
  const never = await insertReservation(tx, orderId, "released", 0, cause);
  if (never) return { ...never, lines: [] };
  return (await findReservation(tx, orderId, "wait"))!;
}

/** Releases `row` (locked by the caller) when it is open; returns it as it is otherwise. */
export async function releaseLocked(tx: Tx, row: ReservationRow, cause: ChangeCause): Promise<Reservation> {
  const lines = await linesOf(tx, row.orderId);
  if (!canMove(row.status, "released")) return { ...row, lines };
  await moveLines(tx, row.orderId, lines, (q) => ({ onHand: 0, reserved: -q }), cause);
  return { ...(await setStatus(tx, row.orderId, "released", cause)), lines };
}
