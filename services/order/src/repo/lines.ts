// Order lines: what was bought, as it was at checkout (a snapshot, never read again from the catalog).
import { and, asc, eq } from "drizzle-orm";
import { bigint, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { PricedLine, Spec } from "../domain/pricing.ts";

const money = (name: string) => bigint(name, { mode: "number" });

export const orderLines = pgTable("order_lines", {
  orderId: uuid("order_id").notNull(),
  position: integer("position").notNull(),
  skuId: uuid("sku_id").notNull(),
  productId: uuid("product_id").notNull(),
  title: text("title").notNull(),
  image: text("image").notNull(),
  specs: jsonb("specs").$type<Spec[]>().notNull(),
  unitPriceMinor: money("unit_price_minor").notNull(),
  quantity: integer("quantity").notNull(),
  subtotalMinor: money("subtotal_minor").notNull(),
  discountMinor: money("discount_minor").notNull(),
});

export async function insertLines(ex: Executor, orderId: string, lines: PricedLine[]): Promise<void> {
  await ex.insert(orderLines).values(lines.map((l, position) => ({ ...l, orderId, position })));
}

export async function linesOf(ex: Executor, orderId: string): Promise<PricedLine[]> {
  const rows = await ex.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position));
  return rows.map(({ skuId, productId, title, image, specs, unitPriceMinor, quantity, subtotalMinor, discountMinor }) => ({
    skuId,
    productId,
    title,
    image,
    specs,
    unitPriceMinor,
    quantity,
    subtotalMinor,
    discountMinor,
  }));
}

/** Stores each line's share of the order's discount (lines as `linesOf` lists them: by position). */
export async function setLineDiscounts(ex: Executor, orderId: string, lines: PricedLine[]): Promise<void> {
  for (const [position, l] of lines.entries()) {
    await ex
      .update(orderLines)
      .set({ discountMinor: l.discountMinor })
      .where(and(eq(orderLines.orderId, orderId), eq(orderLines.position, position)));
  }
}
