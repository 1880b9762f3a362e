// The shipment aggregate's head row: whose order, which carrier, how far it has come.
import { eq, sql } from "drizzle-orm";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { ShipmentStatus } from "../domain/status.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const shipments = pgTable("shipments", {
  id: uuid("id").primaryKey(),
  orderId: uuid("order_id").notNull(),
  orderNumber: text("order_number").notNull(),
  userId: uuid("user_id").notNull(),
  carrier: text("carrier").notNull(),
  trackingNumber: text("tracking_number").notNull(),
  provider: text("provider").notNull(),
  status: text("status").$type<ShipmentStatus>().notNull(),
  shippedAt: ts("shipped_at").notNull(),
  deliveredAt: ts("delivered_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type ShipmentRow = typeof shipments.$inferSelect;
export type NewShipment = Omit<ShipmentRow, "createdAt" | "updatedAt" | "deliveredAt" | "status">;

/** Inserts `s` as CREATED unless its order has a shipment already; undefined then. */
export async function insertShipment(ex: Executor, s: NewShipment): Promise<ShipmentRow | undefined> {
  const [row] = await ex
    .insert(shipments)
    .values({ ...s, status: "CREATED" })
    .onConflictDoNothing({ target: shipments.orderId })
    .returning();
  return row;
}

export async function findByOrder(ex: Executor, orderId: string): Promise<ShipmentRow | undefined> {
  const [row] = await ex.select().from(shipments).where(eq(shipments.orderId, orderId));
  return row;
}

/** The shipment, locked for the rest of the transaction. */
export async function lockShipment(ex: Executor, id: string): Promise<ShipmentRow | undefined> {
  const [row] = await ex.select().from(shipments).where(eq(shipments.id, id)).for("update");
  return row;
}

export async function updateShipment(
  ex: Executor,
  id: string,
  set: Pick<ShipmentRow, "status"> & Partial<Pick<ShipmentRow, "deliveredAt">>,
): Promise<ShipmentRow> {
  const [row] = await ex
    .update(shipments)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(shipments.id, id))
    .returning();
  return row!;
}
