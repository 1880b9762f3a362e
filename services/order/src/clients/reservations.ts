// The inventory service's reservations, keyed by the order id: every call is idempotent.
import { createClient, type Transport } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { upstream } from "@shop/kit/rpc/upstream";

export type ReservationState = "OPEN" | "COMMITTED" | "RELEASED" | "RESTOCKED";

export interface Reservations {
  /**
   * Holds every line or nothing (OUT_OF_STOCK); asked again, says how the reservation stands. With
   * `fromReservationId` (a flash sale's set-aside) the units come out of that open reservation.
   */
  reserve(orderId: string, lines: { skuId: string; quantity: number }[], ttlSeconds: number, fromReservationId?: string): Promise<ReservationState>;
  /** Throws RESERVATION_RELEASED (failed_precondition) when the stock was given back meanwhile. */
  commit(orderId: string): Promise<void>;
  release(orderId: string, reason: string): Promise<void>;
  /** The order is cancelled: committed stock goes back on hand, an open hold is released. */
  restock(orderId: string, reason: string): Promise<void>;
}

const stateOf = (s: inventoryv1.ReservationStatus): ReservationState => {
  const name = inventoryv1.ReservationStatus[s];
  if (name !== "OPEN" && name !== "COMMITTED" && name !== "RELEASED" && name !== "RESTOCKED") throw new Error(`reservation in unknown state ${s}`);
  return name;
};

export function reservationsOver(transport: Transport): Reservations {
  const client = createClient(inventoryv1.ReservationService, transport);
  return {
    async reserve(orderId, lines, ttlSeconds, fromReservationId = "") {
      const r = await upstream("inventory", () => client.reserve({ orderId, lines, ttlSeconds, fromReservationId }));
      return stateOf(r.status);
    },
    async commit(orderId) {
      await upstream("inventory", () => client.commitReservation({ orderId }));
    },
    async release(orderId, reason) {
      await upstream("inventory", () => client.releaseReservation({ orderId, reason }));
    },
    async restock(orderId, reason) {
      await upstream("inventory", () => client.restockReservation({ orderId, reason }));
    },
  };
}
