// CommitReservation: the order is paid, its units leave the shelf: on hand and reserved both go
// down by each line (available stays). Committing again changes nothing; a released reservation
// cannot be committed (its units may be sold to someone else): the order service refunds.
import { transaction } from "@shop/kit/transaction";
import { reservationNotFound, reservationReleased } from "../domain/errors.ts";
import { canMove } from "../domain/reservation.ts";
import { findReservation, linesOf, setStatus, type Reservation } from "../repo/reservations.ts";
import type { Deps } from "./deps.ts";
import { moveLines } from "./move-lines.ts";

const cause = { actor: "order", reason: "sold" };

export async function commitReservation(d: Deps, orderId: string): Promise<Reservation> {
  return transaction(d.db, async (tx) => {
    const row = await findReservation(tx, orderId, "wait");
    if (!row) throw reservationNotFound(orderId);
    const lines = await linesOf(tx, orderId);
    if (row.status === "committed") return { ...row, lines };
    if (!canMove(row.status, "committed")) throw reservationReleased(orderId);
    await moveLines(tx, orderId, lines, (q) => ({ onHand: -q, reserved: -q }), cause);
    return { ...(await setStatus(tx, orderId, "committed", cause)), lines };
  });
}
