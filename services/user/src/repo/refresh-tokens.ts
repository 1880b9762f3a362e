// Refresh-token families: hashes only, rotation marks, revocation.
import { and, eq, isNull, sql } from "drizzle-orm";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const refreshTokens = pgTable("refresh_tokens", {
  id: uuid("id").primaryKey(),
  tokenHash: text("token_hash").notNull(),
  familyId: uuid("family_id").notNull(),
  userId: uuid("user_id").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
  revokedAt: ts("revoked_at"),
});

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export async function insertRefreshToken(ex: Executor, row: Pick<RefreshTokenRow, "id" | "tokenHash" | "familyId" | "userId" | "expiresAt">): Promise<void> {
  await ex.insert(refreshTokens).values(row);
}

export async function findRefreshToken(ex: Executor, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  const [row] = await ex.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
  return row;
}

export async function markRefreshTokenUsed(ex: Executor, id: string): Promise<void> {
  await ex
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(eq(refreshTokens.id, id));
}

export async function revokeFamily(ex: Executor, familyId: string): Promise<void> {
  await ex
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeAllOfUser(ex: Executor, userId: string): Promise<void> {
  await ex
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
