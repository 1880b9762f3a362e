// A shipment's timeline: every step recorded once per carrier event id (another delivery of the
// same event finds its row and records nothing).
import { asc, eq } from "drizzle-orm";
import { bigint, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { ShipmentStatus } from "../domain/status.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const trackingEvents = pgTable("tracking_events", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  shipmentId: uuid("shipment_id").notNull(),
  provider: text("provider").notNull(),
  eventId: text("event_id").notNull(),
  status: text("status").$type<ShipmentStatus>().notNull(),
  location: text("location").notNull(),
  description: text("description").notNull(),
  occurredAt: ts("occurred_at").notNull(),
  receivedAt: ts("received_at").notNull().defaultNow(),
});

export type TrackingEventRow = typeof trackingEvents.$inferSelect;

/** Records the event; false when it was recorded before (a duplicate). */
export async function recordEvent(ex: Executor, e: Omit<TrackingEventRow, "id" | "receivedAt">): Promise<boolean> {
  const rows = await ex.insert(trackingEvents).values(e).onConflictDoNothing().returning({ id: trackingEvents.id });
  return rows.length > 0;
}

/** Oldest first, by when each step happened. */
export function timelineOf(ex: Executor, shipmentId: string): Promise<TrackingEventRow[]> {
  return ex.select().from(trackingEvents).where(eq(trackingEvents.shipmentId, shipmentId)).orderBy(asc(trackingEvents.occurredAt), asc(trackingEvents.id));
}
