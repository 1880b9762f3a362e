// Reserve: every line or none, in one transaction. The reservation row goes in first (INSERT ...
// ON CONFLICT DO NOTHING): a second call for the order, even a concurrent one, finds it and returns
// it as it is. Then reserved goes up line by line; the stock table's CHECK (available >= 0) is what
// refuses an oversell, and the whole transaction with it.
import { asDomainError } from "@shop/kit/db-errors";
import { transaction } from "@shop/kit/transaction";
import { outOfStock } from "../domain/errors.ts";
import { sortedLines, type Line } from "../domain/reservation.ts";
import { findWithLines, insertLines, insertReservation, type Reservation } from "../repo/reservations.ts";
import { availableOf, stockConstraints } from "../repo/stock.ts";
import type { Deps } from "./deps.ts";
import { moveLines } from "./move-lines.ts";

const cause = { actor: "order", reason: "reserved" };

export interface ReserveInput {
  orderId: string;
  lines: readonly Line[];
  ttlSeconds: number;
}

export async function reserve(d: Deps, input: ReserveInput): Promise<Reservation> {
  const lines = sortedLines(input.lines);
  let skuId = "";
  try {
    return await transaction(d.db, async (tx) => {
      const row = await insertReservation(tx, input.orderId, "open", input.ttlSeconds, cause);
      if (!row) return (await findWithLines(tx, input.orderId))!;
      await insertLines(tx, row.orderId, lines);
      await moveLines(
        tx,
        row.orderId,
        lines,
        (q) => ({ onHand: 0, reserved: q }),
        cause,
        (s) => (skuId = s),
      );
      return { ...row, lines };
    });
  } catch (err) {
    // After the rollback: what is available now is for the message, not a promise.
    const short = async () => outOfStock(skuId, (await availableOf(d.db, [skuId])).get(skuId) ?? 0);
    throw await asDomainError(err, { [stockConstraints.availableNonNegative]: short });
  }
}
