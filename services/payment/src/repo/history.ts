// Every status change of a payment, with who made it and why: append-only.
import { bigint, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { PaymentStatus } from "../domain/status.ts";

export const history = pgTable("payment_status_history", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  paymentId: uuid("payment_id").notNull(),
  fromStatus: text("from_status").$type<PaymentStatus>(),
  toStatus: text("to_status").$type<PaymentStatus>().notNull(),
  actor: text("actor").notNull(),
  reason: text("reason").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export async function recordStatus(
  ex: Executor,
  entry: { paymentId: string; fromStatus: PaymentStatus | null; toStatus: PaymentStatus; actor: string; reason: string },
): Promise<void> {
  await ex.insert(history).values(entry);
}
