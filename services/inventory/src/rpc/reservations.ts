// ReservationService: for the order service only (the proto's ACCESS_INTERNAL, checked by the kit).
import type { ServiceImpl } from "@connectrpc/connect";
import type { inventoryv1 } from "@shop/contracts";
import { commitReservation } from "../usecases/commit-reservation.ts";
import type { Deps } from "../usecases/deps.ts";
import { getReservation } from "../usecases/get-reservation.ts";
import { releaseReservation } from "../usecases/release-reservation.ts";
import { reserve } from "../usecases/reserve.ts";
import { restockReservation } from "../usecases/restock-reservation.ts";
import { toReservation } from "./mapping.ts";

export function reservationService(d: Deps): ServiceImpl<typeof inventoryv1.ReservationService> {
  return {
    async reserve(req) {
      return toReservation(await reserve(d, { orderId: req.orderId, lines: req.lines, ttlSeconds: req.ttlSeconds, fromReservationId: req.fromReservationId }));
    },
    async commitReservation(req) {
      return toReservation(await commitReservation(d, req.orderId));
    },
    async releaseReservation(req) {
      return toReservation(await releaseReservation(d, req.orderId, { actor: "order", reason: req.reason }));
    },
    async restockReservation(req) {
      return toReservation(await restockReservation(d, req.orderId, { actor: "order", reason: req.reason }));
    },
    async getReservation(req) {
      return toReservation(await getReservation(d, req.orderId));
    },
  };
}
