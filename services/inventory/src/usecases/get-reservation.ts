// GetReservation: the reservation of an order, as it is.
import { reservationNotFound } from "../domain/errors.ts";
import { findWithLines, type Reservation } from "../repo/reservations.ts";
import type { Deps } from "./deps.ts";

export async function getReservation(d: Deps, orderId: string): Promise<Reservation> {
  const found = await findWithLines(d.db, orderId);
  if (!found) throw reservationNotFound(orderId);
  return found;
}
