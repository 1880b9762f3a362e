// Stock movements: an append-only record of every change, with its reason and actor.
import { and, desc, eq, lt } from "drizzle-orm";
import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export const movements = pgTable("stock_movements", {
  id: uuid("id").primaryKey(),
  skuId: uuid("sku_id").notNull(),
  onHandDelta: integer("on_hand_delta").notNull(),
  reservedDelta: integer("reserved_delta").notNull(),
  reason: text("reason").notNull(),
  actor: text("actor").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type MovementRow = typeof movements.$inferSelect;
export type NewMovement = Omit<MovementRow, "createdAt">;

export async function insertMovement(ex: Executor, movement: NewMovement): Promise<MovementRow> {
  const [row] = await ex.insert(movements).values(movement).returning();
  return row!;
}

/** Newest first, keyset by id (UUIDv7: time order). */
export async function listMovements(ex: Executor, opts: { skuId: string; beforeId?: string; limit: number }): Promise<MovementRow[]> {
  return ex
    .select()
    .from(movements)
    .where(and(eq(movements.skuId, opts.skuId), opts.beforeId ? lt(movements.id, opts.beforeId) : undefined))
    .orderBy(desc(movements.id))
    .limit(opts.limit);
}
