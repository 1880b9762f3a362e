// The category tree's rows. Paths are walked with recursive queries: the tree is small.
import { asc, count, eq, sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const categories = pgTable("categories", {
  id: uuid("id").primaryKey(),
  parentId: uuid("parent_id"),
  name: text("name").notNull(),
  sortOrder: integer("sort_order").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type CategoryRow = typeof categories.$inferSelect;
export type CategoryFields = Pick<CategoryRow, "parentId" | "name" | "sortOrder">;

export const siblingNameConstraint = "categories_sibling_name";
/** A category's parent must exist: refuses a parent deleted meanwhile, and deleting a parent. */
export const parentConstraint = "categories_parent_id_fkey";

/** Every category, siblings in display order. */
export async function listCategories(ex: Executor): Promise<CategoryRow[]> {
  return ex.select().from(categories).orderBy(asc(categories.sortOrder), asc(categories.name), asc(categories.id));
}

export async function findCategory(ex: Executor, id: string): Promise<CategoryRow | undefined> {
  const [row] = await ex.select().from(categories).where(eq(categories.id, id));
  return row;
}

export async function insertCategory(ex: Executor, row: CategoryFields & { id: string }): Promise<CategoryRow> {
  const [inserted] = await ex.insert(categories).values(row).returning();
  return inserted!;
}

export async function updateCategory(ex: Executor, id: string, patch: Partial<CategoryFields>): Promise<CategoryRow | undefined> {
  const [row] = await ex
    .update(categories)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(categories.id, id))
    .returning();
  return row;
}

export async function deleteCategory(ex: Executor, id: string): Promise<boolean> {
  const rows = await ex.delete(categories).where(eq(categories.id, id)).returning({ id: categories.id });
  return rows.length > 0;
}

export async function countChildren(ex: Executor, id: string): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(categories).where(eq(categories.parentId, id));
  return row?.n ?? 0;
}

/** `id` and its ancestors, nearest first. */
export async function ancestorChain(ex: Executor, id: string): Promise<string[]> {
  const result = await ex.execute<{ id: string }>(sql`
    with recursive chain (id, parent_id, depth) as (
      select id, parent_id, 0 from categories where id = ${id}
      union all
      select c.id, c.parent_id, chain.depth + 1 from categories c join chain on c.id = chain.parent_id
    )
    select id from chain order by depth`);
  return result.rows.map((r) => r.id);
}

/** `id` and all its descendants. */
export function subtreeIds(id: string) {
  return sql`(
    with recursive sub (id) as (
      select id from categories where id = ${id}
      union all
      select c.id from categories c join sub on c.parent_id = sub.id
    )
    select id from sub)`;
}

/**
 * Serializes moves within the tree for the rest of the transaction: two concurrent moves (A under
 * B, B under A) would each pass the cycle check alone and make a cycle together.
 */
export async function lockTreeShape(ex: Executor): Promise<void> {
  await ex.execute(sql`select pg_advisory_xact_lock(hashtext('product.category_tree'))`);
}
