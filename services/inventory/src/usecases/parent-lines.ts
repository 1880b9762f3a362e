// A reservation drawing from another (ReserveRequest.from_reservation_id, a flash sale's set-aside)
// moves units between the two reservations' lines, never through the stock rows: reserved stays
// the same, since it is the sum of the OPEN reservations' lines either way. Every writer of a
// parent's lines holds the parent's row first (then any stock rows), so concurrent draws from one
// parent queue on it and never take more than it holds.
import type { Tx } from "@shop/kit/db";
import { outOfStockInParent } from "../domain/errors.ts";
import type { Line } from "../domain/reservation.ts";
import { addToLines, findReservation, linesOf, setLineQuantity, type ReservationRow } from "../repo/reservations.ts";

/** The parent's row, locked; undefined when it is missing. */
export const lockParent = (tx: Tx, parentId: string): Promise<ReservationRow | undefined> => findReservation(tx, parentId, "wait");

/**
 * Takes every line (in sku_id order) from the parent (locked and OPEN), or throws OUT_OF_STOCK
 * naming the first SKU it holds too little of (the transaction then rolls back what was taken).
 */
export async function drawFromParent(tx: Tx, parentId: string, lines: readonly Line[]): Promise<void> {
  const held = new Map((await linesOf(tx, parentId)).map((l) => [l.skuId, l.quantity]));
  for (const line of lines) {
    const left = held.get(line.skuId) ?? 0;
    if (left < line.quantity) throw outOfStockInParent(line.skuId, left, parentId);
  }
  for (const line of lines) await setLineQuantity(tx, parentId, line.skuId, held.get(line.skuId)! - line.quantity);
}

/** Gives a released child's lines back to its parent (locked and OPEN). */
export const giveBackToParent = (tx: Tx, parentId: string, lines: readonly Line[]): Promise<void> => addToLines(tx, parentId, lines);
