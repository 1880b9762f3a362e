// ListMovements: a SKU's movements, newest first, in keyset pages with an opaque token (base64url
// of the last id on the page).
import { decodeIdToken, encodeIdToken } from "@shop/kit/page-token";
import { invalidPageToken } from "../domain/errors.ts";
import { listMovements as listRows, type MovementRow } from "../repo/movements.ts";
import type { Deps } from "./deps.ts";

const defaultPageSize = 20;
const maxPageSize = 100;


export async function listMovements(d: Deps, skuId: string, pageSize: number, pageToken: string): Promise<{ movements: MovementRow[]; nextPageToken: string }> {
  const limit = Math.min(pageSize || defaultPageSize, maxPageSize);
  const rows = await listRows(d.db, { skuId, beforeId: decodeIdToken(pageToken, invalidPageToken), limit: limit + 1 });
  const movements = rows.slice(0, limit);
  const last = movements[movements.length - 1];
  return { movements, nextPageToken: rows.length > limit && last ? encodeIdToken(last.id) : "" };
}
