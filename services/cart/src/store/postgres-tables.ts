// The PostgreSQL adapter's tables (migrations/0001_init.sql), for drizzle.
import { bigint, boolean, char, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const carts = pgTable("carts", {
  key: text("key").primaryKey(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
});

export const cartLines = pgTable(
  "cart_lines",
  {
    cartKey: text("cart_key").notNull(),
    skuId: uuid("sku_id").notNull(),
    quantity: integer("quantity").notNull(),
    selected: boolean("selected").notNull(),
    addedPriceMinor: bigint("added_price_minor", { mode: "number" }).notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    addedAt: timestamp("added_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cartKey, t.skuId] })],
);
