// ListMovements: a SKU's movements, newest first, in keyset pages with an opaque token (base64url
// of the last id on the page).
import { invalidPageToken } from "../domain/errors.ts";
import { listMovements as listRows, type MovementRow } from "../repo/movements.ts";
import type { Deps } from "./deps.ts";

const defaultPageSize = 20;
const maxPageSize = 100;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const encodeToken = (id: string) => Buffer.from(id).toString("base64url");

function decodeToken(token: string): string | undefined {
  if (!token) return undefined;
  const id = Buffer.from(token, "base64url").toString();
  if (!uuidPattern.test(id)) throw invalidPageToken();
  return id;
}

export async function listMovements(d: Deps, skuId: string, pageSize: number, pageToken: string): Promise<{ movements: MovementRow[]; nextPageToken: string }> {
  const limit = Math.min(pageSize || defaultPageSize, maxPageSize);
  const rows = await listRows(d.db, { skuId, beforeId: decodeToken(pageToken), limit: limit + 1 });
  const movements = rows.slice(0, limit);
  const last = movements[movements.length - 1];
  return { movements, nextPageToken: rows.length > limit && last ? encodeToken(last.id) : "" };
}
