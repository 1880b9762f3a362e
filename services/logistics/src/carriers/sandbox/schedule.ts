// The sandbox carrier's schedule: its tracking events in a table, so they survive a restart. A
// shipment registered gets one row per step, `stepSeconds` apart; the dispatcher takes due rows
// under a lease and marks them done once answered.
import { and, eq, sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 } from "uuid";
import type { Executor } from "@shop/kit/db";
import type { CarrierStatus } from "../../domain/status.ts";
import type { ShipmentRef } from "../port.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const sandboxEvents = pgTable("sandbox_carrier_events", {
  id: text("id").primaryKey(),
  shipmentId: uuid("shipment_id").notNull(),
  trackingNumber: text("tracking_number").notNull(),
  status: text("status").$type<CarrierStatus>().notNull(),
  location: text("location").notNull(),
  description: text("description").notNull(),
  occurredAt: ts("occurred_at").notNull(),
  nextAttemptAt: ts("next_attempt_at").notNull(),
  attempts: integer("attempts").notNull(),
  doneAt: ts("done_at"),
});

export type SandboxEventRow = typeof sandboxEvents.$inferSelect;

/** What the sandbox reports, in order, one step apart. */
const steps: { status: CarrierStatus; location: string; description: string }[] = [
  { status: "PICKED_UP", location: "Sandbox origin depot", description: "Picked up by the carrier" },
  { status: "IN_TRANSIT", location: "Sandbox central hub", description: "In transit to the destination hub" },
  { status: "OUT_FOR_DELIVERY", location: "Sandbox local station", description: "Out for delivery" },
  { status: "DELIVERED", location: "Recipient's address", description: "Delivered to the recipient" },
];

/** Schedules the steps of `shipment` from now; a second call for it adds nothing. */
export async function scheduleSteps(ex: Executor, shipment: ShipmentRef, stepSeconds: number): Promise<void> {
  const rows = steps.map((s, i) => {
    const at = sql`now() + make_interval(secs => ${stepSeconds * (i + 1)})`;
    return { ...s, id: `sbx_evt_${v7()}`, shipmentId: shipment.id, trackingNumber: shipment.trackingNumber, occurredAt: at, nextAttemptAt: at, attempts: 0 };
  });
  await ex.insert(sandboxEvents).values(rows).onConflictDoNothing();
}

/** Up to `limit` due events, oldest first, each leased for `leaseSeconds` (another round skips them). */
export async function claimDue(ex: Executor, limit: number, leaseSeconds: number): Promise<SandboxEventRow[]> {
  const due = ex
    .select({ id: sandboxEvents.id })
    .from(sandboxEvents)
    .where(and(sql`${sandboxEvents.doneAt} is null`, sql`${sandboxEvents.nextAttemptAt} <= now()`))
    .orderBy(sandboxEvents.nextAttemptAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await ex
    .update(sandboxEvents)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`, attempts: sql`${sandboxEvents.attempts} + 1` })
    .where(sql`${sandboxEvents.id} in ${due}`)
    .returning();
  return rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

export async function markDone(ex: Executor, id: string): Promise<void> {
  await ex
    .update(sandboxEvents)
    .set({ doneAt: sql`now()` })
    .where(eq(sandboxEvents.id, id));
}

export async function retryIn(ex: Executor, id: string, seconds: number): Promise<void> {
  await ex
    .update(sandboxEvents)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${seconds})` })
    .where(eq(sandboxEvents.id, id));
}
