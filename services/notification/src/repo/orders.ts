// Who owns each order seen on order.status_changed: payment.refunded names only the order.
import { eq } from "drizzle-orm";
import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export const orderOwners = pgTable("order_owners", {
  orderId: uuid("order_id").primaryKey(),
  userId: uuid("user_id").notNull(),
  number: text("number").notNull(),
});

export type OrderOwner = typeof orderOwners.$inferSelect;

export async function rememberOrder(ex: Executor, o: OrderOwner): Promise<void> {
  await ex.insert(orderOwners).values(o).onConflictDoNothing();
}

export async function findOrderOwner(ex: Executor, orderId: string): Promise<OrderOwner | undefined> {
  const [row] = await ex.select().from(orderOwners).where(eq(orderOwners.orderId, orderId));
  return row;
}
