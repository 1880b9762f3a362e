// Domain rows <-> proto messages, and the signed-in admin the kit's interceptors put in the context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import { available } from "../domain/stock.ts";
import type { ReservationStatus } from "../domain/reservation.ts";
import type { MovementRow } from "../repo/movements.ts";
import type { Reservation } from "../repo/reservations.ts";
import type { StockView } from "../usecases/get-stock.ts";

export function toStock(s: StockView): MessageInitShape<typeof inventoryv1.StockSchema> {
  return {
    skuId: s.skuId,
    onHand: s.onHand,
    reserved: s.reserved,
    available: available(s),
    updatedAt: s.updatedAt ? timestampFromDate(s.updatedAt) : undefined,
  };
}

export function toMovement(m: MovementRow): MessageInitShape<typeof inventoryv1.StockMovementSchema> {
  return {
    id: m.id,
    skuId: m.skuId,
    onHandDelta: m.onHandDelta,
    reservedDelta: m.reservedDelta,
    reason: m.reason,
    actor: m.actor,
    createdAt: timestampFromDate(m.createdAt),
  };
}

const statusOf: Record<ReservationStatus, inventoryv1.ReservationStatus> = {
  open: inventoryv1.ReservationStatus.OPEN,
  committed: inventoryv1.ReservationStatus.COMMITTED,
  released: inventoryv1.ReservationStatus.RELEASED,
  restocked: inventoryv1.ReservationStatus.RESTOCKED,
};

export function toReservation(r: Reservation): MessageInitShape<typeof inventoryv1.ReservationSchema> {
  return {
    orderId: r.orderId,
    status: statusOf[r.status],
    lines: r.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
    expiresAt: timestampFromDate(r.expiresAt),
    createdAt: timestampFromDate(r.createdAt),
    updatedAt: timestampFromDate(r.updatedAt),
  };
}

/** The signed-in admin's user id; only called from RPCs declared ACCESS_ADMIN. */
export function actorOf(ctx: HandlerContext): string {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal.userId;
}
