// RestockReservation: the order was cancelled after its stock was committed (a paid order refunded
// before shipping). The goods never left the warehouse, so on hand goes up again by each line;
// reserved is untouched (a committed reservation holds nothing). Restocking again changes nothing;
// an open reservation is released instead and a released or unknown one is answered as
// ReleaseReservation would, so the order service calls this for every cancelled order.
import { transaction } from "@shop/kit/transaction";
import { canMove } from "../domain/reservation.ts";
import { linesOf, setStatus, type Reservation } from "../repo/reservations.ts";
import type { ChangeCause, Deps } from "./deps.ts";
import { moveLines } from "./move-lines.ts";
import { lockOrRecordReleased, releaseLocked } from "./release-reservation.ts";

export async function restockReservation(d: Deps, orderId: string, cause: ChangeCause): Promise<Reservation> {
  return transaction(d.db, async (tx) => {
    const row = await lockOrRecordReleased(tx, orderId, cause);
    if ("lines" in row) return row;
    if (!canMove(row.status, "restocked")) return releaseLocked(tx, row, cause);
    const lines = await linesOf(tx, orderId);
    await moveLines(tx, orderId, lines, (q) => ({ onHand: q, reserved: 0 }), cause);
    return { ...(await setStatus(tx, orderId, "restocked", cause)), lines };
  });
}
