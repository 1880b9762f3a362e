// ListMovements: a SKU's movements, newest first, in keyset pages with the kit's opaque page token.
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import { listMovements as listRows, type MovementRow } from "../repo/movements.ts";
import type { Deps } from "./deps.ts";

const defaultPageSize = 20;
const maxPageSize = 100;

export async function listMovements(d: Deps, skuId: string, pageSize: number, pageToken: string): Promise<{ movements: MovementRow[]; nextPageToken: string }> {
  const limit = Math.min(pageSize || defaultPageSize, maxPageSize);
  const fingerprint = queryFingerprint({ skuId });
  const before = decodePageToken(pageToken, fingerprint, "string");
  const rows = await listRows(d.db, { skuId, beforeId: before?.id, limit: limit + 1 });
  const movements = rows.slice(0, limit);
  const last = movements.at(-1);
  return { movements, nextPageToken: rows.length > limit && last ? encodePageToken(fingerprint, { key: "", id: last.id }) : "" };
}
