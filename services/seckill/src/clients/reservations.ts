// The inventory service's reservations: a sale's units are one reservation keyed by the sale id
// (the order service later reserves each won unit from it). Both calls are idempotent by that id.
import { createClient, type Transport } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import { upstream } from "@shop/kit/rpc/upstream";

export interface Reservations {
  /** Sets `quantity` units of the SKU aside (OUT_OF_STOCK when not available). */
  setAside(saleId: string, skuId: string, quantity: number, ttlSeconds: number): Promise<void>;
  /** Gives back what is still set aside (unsold units); a sale never reserved is no error. */
  release(saleId: string, reason: string): Promise<void>;
}

export function reservationsOver(transport: Transport): Reservations {
  const client = createClient(inventoryv1.ReservationService, transport);
  return {
    async setAside(saleId, skuId, quantity, ttlSeconds) {
      await upstream("inventory", () => client.reserve({ orderId: saleId, lines: [{ skuId, quantity }], ttlSeconds }));
    },
    async release(saleId, reason) {
      await upstream("inventory", () => client.releaseReservation({ orderId: saleId, reason }));
    },
  };
}
