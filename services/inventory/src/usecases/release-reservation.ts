// ReleaseReservation: the order is cancelled (or its hold expired): reserved goes down again.
// Releasing what is released or committed changes nothing. An order never reserved is recorded
// as released, without lines: the order service may compensate a Reserve whose answer it never
// got, and that Reserve, should it arrive after this, then finds the order released and holds
// nothing (one still in flight is waited for by the INSERT, then released here). A reservation
// drawn from another gives its units back to that parent while it is OPEN (parent-lines.ts).
import type { Tx } from "@shop/kit/db";
import { transaction } from "@shop/kit/transaction";
import { canMove } from "../domain/reservation.ts";
import { findReservation, insertReservation, linesOf, setStatus, type Reservation, type ReservationRow } from "../repo/reservations.ts";
import type { ChangeCause, Deps } from "./deps.ts";
import { moveLines } from "./move-lines.ts";
import { giveBackToParent, lockParent } from "./parent-lines.ts";

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

/**
 * Releases `row` (locked by the caller) when it is open; returns it as it is otherwise. A child's
 * units go back to its parent while the parent is OPEN (reserved stays: they are still held), to
 * available stock otherwise; a parent gives back only what its children left it.
 */
export async function releaseLocked(tx: Tx, row: ReservationRow, cause: ChangeCause): Promise<Reservation> {
  const lines = await linesOf(tx, row.orderId);
  if (!canMove(row.status, "released")) return { ...row, lines };
  const parent = row.parentOrderId ? await lockParent(tx, row.parentOrderId) : undefined;
  if (parent?.status === "open") await giveBackToParent(tx, parent.orderId, lines);
  else await moveLines(tx, row.orderId, lines, (q) => ({ onHand: 0, reserved: -q }), cause);
  return { ...(await setStatus(tx, row.orderId, "released", cause)), lines };
}
