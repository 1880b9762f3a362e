// Each product's rating figures: the sum and count of its visible reviews' ratings, versioned.
import { sql } from "drizzle-orm";
import { bigint, integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export const productRatings = pgTable("product_ratings", {
  productId: uuid("product_id").primaryKey(),
  ratingSum: bigint("rating_sum", { mode: "number" }).notNull(),
  ratingCount: integer("rating_count").notNull(),
  version: bigint("version", { mode: "number" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type Rating = typeof productRatings.$inferSelect;

/**
 * Adds `rating` to the product's figures (`sign` -1 takes it away), one version on. The upsert locks
 * the product's row, so concurrent changes of one product take turns and each version is one state.
 */
export async function applyRating(ex: Executor, productId: string, rating: number, sign: 1 | -1): Promise<Rating> {
  const p = productRatings;
  const [row] = await ex
    .insert(p)
    .values({ productId, ratingSum: sign > 0 ? rating : 0, ratingCount: sign > 0 ? 1 : 0, version: 1 })
    .onConflictDoUpdate({
      target: p.productId,
      set: {
        ratingSum: sql`${p.ratingSum} + ${sign * rating}`,
        ratingCount: sql`${p.ratingCount} + ${sign}`,
        version: sql`${p.version} + 1`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}
