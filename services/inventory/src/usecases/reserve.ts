// Reserve: every line or none, in one transaction. The reservation row goes in first (INSERT ...
// ON CONFLICT DO NOTHING): a second call for the order, even a concurrent one, finds it and returns
// it as it is. Then reserved goes up line by line; the stock table's CHECK (available >= 0) is what
// refuses an oversell, and the whole transaction with it. A reservation drawing from another
// (fromReservationId) takes its units from that parent's lines instead (parent-lines.ts); the
// parent's row is locked before the child's goes in, so a draw holds the same locks in the same
// order as every other writer (reservation rows, then stock rows) and its foreign key check waits
// for nothing.
import { asDomainError } from "@shop/kit/db-errors";
import type { Tx } from "@shop/kit/db";
import { transaction } from "@shop/kit/transaction";
import { drawFromItself, outOfStock, outOfStockInParent } from "../domain/errors.ts";
import { sortedLines, type Line } from "../domain/reservation.ts";
import { findWithLines, insertLines, insertReservation, type Reservation } from "../repo/reservations.ts";
import { availableOf, stockConstraints } from "../repo/stock.ts";
import type { Deps } from "./deps.ts";
import { moveLines } from "./move-lines.ts";
import { drawFromParent, lockParent } from "./parent-lines.ts";

const cause = { actor: "order", reason: "reserved" };

export interface ReserveInput {
  orderId: string;
  lines: readonly Line[];
  ttlSeconds: number;
  /** Take the units from this OPEN reservation rather than from available stock ("" or undefined: from stock). */
  fromReservationId?: string;
}

export async function reserve(d: Deps, input: ReserveInput): Promise<Reservation> {
  const lines = sortedLines(input.lines);
  if (input.fromReservationId) return reserveFromParent(d, { ...input, lines }, input.fromReservationId);
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

async function reserveFromParent(d: Deps, input: ReserveInput & { lines: Line[] }, parentId: string): Promise<Reservation> {
  if (parentId === input.orderId) throw drawFromItself(input.orderId);
  return transaction(d.db, async (tx: Tx) => {
    const parent = await lockParent(tx, parentId);
    // Asked again: the child as it is, whatever became of the parent since.
    const known = async () => findWithLines(tx, input.orderId);
    if (parent?.status !== "open") {
      const child = await known();
      if (child) return child;
      throw outOfStockInParent(input.lines[0]!.skuId, 0, parentId);
    }
    const row = await insertReservation(tx, input.orderId, "open", input.ttlSeconds, { actor: cause.actor, reason: `reserved from ${parentId}` }, parentId);
    if (!row) return (await known())!;
    await insertLines(tx, row.orderId, input.lines);
    await drawFromParent(tx, parentId, input.lines);
    return { ...row, lines: input.lines };
  });
}
