// BatchGetFiles and ReadFile: the records of files, and the stored bytes of one name.
import { fileNotFound } from "../domain/errors.ts";
import { contentTypeOf } from "../domain/image-types.ts";
import { findFiles, type FileWithUploads } from "../repo/files.ts";
import type { Deps } from "./deps.ts";

export function getFiles(d: Deps, ids: string[]): Promise<FileWithUploads[]> {
  return findFiles(d.db, ids);
}

export async function readFile(d: Deps, name: string): Promise<{ contentType: string; data: Uint8Array }> {
  const contentType = contentTypeOf(name);
  const data = contentType ? await d.store.get(name) : undefined;
  if (!contentType || !data) throw fileNotFound(name);
  return { contentType, data };
}
