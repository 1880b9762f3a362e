// The files aggregate: a file (one per re-encoded original) and its uploads (who, for what).
import { and, asc, eq, inArray } from "drizzle-orm";
import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";

export type Purpose = "product" | "review";

export interface VariantInfo {
  size: number;
  width: number;
  height: number;
  byteSize: number;
}

export const files = pgTable("files", {
  id: text("id").primaryKey(),
  contentType: text("content_type").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  byteSize: bigint("byte_size", { mode: "number" }).notNull(),
  variants: jsonb("variants").$type<VariantInfo[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const fileUploads = pgTable(
  "file_uploads",
  {
    fileId: text("file_id").notNull(),
    userId: uuid("user_id").notNull(),
    purpose: text("purpose").$type<Purpose>().notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.userId, t.purpose] })],
);

export type FileRow = typeof files.$inferSelect;
export type UploadRow = typeof fileUploads.$inferSelect;
export type FileWithUploads = FileRow & { uploads: UploadRow[] };

/** Records the file (once) and this upload of it (once per user and purpose); both a no-op when already there. */
export async function recordUpload(ex: Executor, file: typeof files.$inferInsert, upload: { userId: string; purpose: Purpose }): Promise<void> {
  await ex.insert(files).values(file).onConflictDoNothing();
  await ex
    .insert(fileUploads)
    .values({ fileId: file.id, ...upload })
    .onConflictDoNothing();
}

/** The files among `ids` with their uploads (oldest first), in the order asked; unknown ids are left out. */
export async function findFiles(ex: Executor, ids: string[], onlyUser?: string): Promise<FileWithUploads[]> {
  const rows = await ex.select().from(files).where(inArray(files.id, ids));
  const uploads = await ex
    .select()
    .from(fileUploads)
    .where(and(inArray(fileUploads.fileId, ids), onlyUser ? eq(fileUploads.userId, onlyUser) : undefined))
    .orderBy(asc(fileUploads.uploadedAt));
  const byId = new Map(rows.map((r) => [r.id, { ...r, uploads: uploads.filter((u) => u.fileId === r.id) }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
