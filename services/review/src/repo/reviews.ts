// Reviews and who found them helpful.
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { boolean, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import type { Cursor } from "@shop/kit/page-token";
import type { ReviewSort, Visibility } from "../domain/listing.ts";
import type { ReviewPhoto } from "../domain/photos.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const reviews = pgTable("reviews", {
  id: uuid("id").primaryKey(),
  orderId: uuid("order_id").notNull(),
  skuId: uuid("sku_id").notNull(),
  productId: uuid("product_id").notNull(),
  userId: uuid("user_id").notNull(),
  rating: smallint("rating").notNull(),
  body: text("body").notNull(),
  photoIds: text("photo_ids").array().notNull(),
  photos: jsonb("photos").$type<ReviewPhoto[]>().notNull().default([]),
  helpfulCount: integer("helpful_count").notNull().default(0),
  hidden: boolean("hidden").notNull().default(false),
  hiddenReason: text("hidden_reason").notNull().default(""),
  hiddenAt: ts("hidden_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const reviewHelpful = pgTable("review_helpful", {
  reviewId: uuid("review_id").notNull(),
  userId: uuid("user_id").notNull(),
});

export type ReviewRow = typeof reviews.$inferSelect;
export type NewReview = Pick<ReviewRow, "id" | "orderId" | "skuId" | "productId" | "userId" | "rating" | "body" | "photoIds" | "photos">;

const r = reviews;

/** The new review, or undefined when the line already has one (the unique key decides under concurrency). */
export async function insertReview(ex: Executor, row: NewReview): Promise<ReviewRow | undefined> {
  const [created] = await ex.insert(r).values(row).onConflictDoNothing().returning();
  return created;
}

export async function findReview(ex: Executor, id: string, lock = false): Promise<ReviewRow | undefined> {
  const query = ex.select().from(r).where(eq(r.id, id));
  const [row] = await (lock ? query.for("update") : query);
  return row;
}

/** Sets hidden and its reason; the row before the change (locked), or undefined when there is no such review. */
export async function setHidden(ex: Executor, id: string, hidden: boolean, reason: string): Promise<{ before: ReviewRow; after: ReviewRow } | undefined> {
  const before = await findReview(ex, id, true);
  if (!before) return undefined;
  const [after] = await ex
    .update(r)
    .set({ hidden, hiddenReason: reason, hiddenAt: hidden ? (before.hiddenAt ?? sql`now()`) : null })
    .where(eq(r.id, id))
    .returning();
  return { before, after: after! };
}

/** Counts `userId` once among those `reviewId` helped; false when they were already counted. */
export async function addHelpful(ex: Executor, reviewId: string, userId: string): Promise<boolean> {
  const inserted = await ex.insert(reviewHelpful).values({ reviewId, userId }).onConflictDoNothing().returning({ userId: reviewHelpful.userId });
  if (!inserted.length) return false;
  await ex
    .update(r)
    .set({ helpfulCount: sql`${r.helpfulCount} + 1` })
    .where(eq(r.id, reviewId));
  return true;
}

/** A product's visible reviews in `sort` order, after `after`. */
export async function productReviews(ex: Executor, productId: string, sort: ReviewSort, after: Cursor | undefined, limit: number): Promise<ReviewRow[]> {
  const keyset = after && (sort === "newest" ? lt(r.id, after.id) : sql`(${r.helpfulCount}, ${r.id}) < (${after.key}::bigint, ${after.id}::uuid)`);
  const order = sort === "newest" ? [desc(r.id)] : [desc(r.helpfulCount), desc(r.id)];
  return ex
    .select()
    .from(r)
    .where(and(eq(r.productId, productId), eq(r.hidden, false), keyset || undefined))
    .orderBy(...order)
    .limit(limit);
}

/** Reviews newest first (by id, a UUIDv7), filtered; for the author's and the admins' lists. */
export async function listReviews(
  ex: Executor,
  q: { userId?: string; productId?: string; visibility?: Visibility; beforeId?: string; limit: number },
): Promise<ReviewRow[]> {
  const conditions: (SQL | undefined)[] = [
    q.userId ? eq(r.userId, q.userId) : undefined,
    q.productId ? eq(r.productId, q.productId) : undefined,
    q.visibility ? eq(r.hidden, q.visibility === "hidden") : undefined,
    q.beforeId ? lt(r.id, q.beforeId) : undefined,
  ];
  return ex
    .select()
    .from(r)
    .where(and(...conditions))
    .orderBy(desc(r.id))
    .limit(q.limit);
}
