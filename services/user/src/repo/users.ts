// The user aggregate: identity, credentials and roles.
import { and, eq, gt, like, or, sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { RoleName } from "../domain/roles.ts";
import type { Executor } from "@shop/kit/db";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const users = pgTable("users", {
  id: uuid("id").primaryKey(),
  username: text("username").notNull(),
  email: text("email").notNull(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  roles: text("roles").array().notNull(),
  /** Moves on when the user's sessions end (role or password change); access tokens carry it. */
  sessionEpoch: integer("session_epoch").notNull().default(0),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type UserRow = typeof users.$inferSelect;
export type NewUser = Pick<UserRow, "id" | "username" | "email" | "displayName" | "passwordHash"> & { roles: RoleName[] };

export const usernameConstraint = "users_username_key";
export const emailConstraint = "users_email_key";

export async function insertUser(ex: Executor, user: NewUser): Promise<UserRow> {
  const [row] = await ex.insert(users).values(user).returning();
  return row!;
}

export async function findUserById(ex: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id));
  return row;
}

/** Locks the user's row for the rest of the transaction and returns it; undefined when there is no such user. */
export async function lockUser(ex: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id)).for("update");
  return row;
}

export async function findSessionEpoch(ex: Executor, id: string): Promise<number | undefined> {
  const [row] = await ex.select({ sessionEpoch: users.sessionEpoch }).from(users).where(eq(users.id, id));
  return row?.sessionEpoch;
}

export async function bumpSessionEpoch(ex: Executor, id: string): Promise<void> {
  await ex
    .update(users)
    .set({ sessionEpoch: sql`${users.sessionEpoch} + 1` })
    .where(eq(users.id, id));
}

/** Whether any account has this username (lowercased) or this email: one query, whichever it is. */
export async function isUsernameOrEmailInUse(ex: Executor, normalizedUsername: string, email: string): Promise<boolean> {
  const rows = await ex
    .select({ id: users.id })
    .from(users)
    .where(or(sql`lower(${users.username}) = ${normalizedUsername}`, eq(users.email, email)))
    .limit(1);
  return rows.length > 0;
}

export async function findUserByUsername(ex: Executor, normalizedUsername: string): Promise<UserRow | undefined> {
  const [row] = await ex
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${normalizedUsername}`);
  return row;
}

export async function findUserByEmail(ex: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.email, email));
  return row;
}

export interface UserPatch {
  displayName?: string;
  email?: string;
  passwordHash?: string;
  roles?: RoleName[];
}

export async function updateUser(ex: Executor, id: string, patch: UserPatch): Promise<UserRow | undefined> {
  const [row] = await ex
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/** Keyset page by id (UUIDv7, so roughly by creation); `prefix` is already lowercased and LIKE-escaped. */
export async function listUsers(ex: Executor, opts: { afterId?: string; prefix?: string; limit: number }): Promise<UserRow[]> {
  const pattern = opts.prefix ? `${opts.prefix}%` : undefined;
  return ex
    .select()
    .from(users)
    .where(
      and(
        opts.afterId ? gt(users.id, opts.afterId) : undefined,
        pattern ? or(like(sql`lower(${users.username})`, pattern), like(users.email, pattern)) : undefined,
      ),
    )
    .orderBy(users.id)
    .limit(opts.limit);
}
