// Opaque keyset cursors: the sort key and id of the last row, bound to the query they came from
// (a hash of its filters and sort), so a token is never applied to a different query.
import { createHash } from "node:crypto";
import { invalidPageToken } from "./errors.ts";

export type CursorKey = string | number;

export interface Cursor {
  key: CursorKey;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A short fingerprint of everything that defines a result order (filters, sort, query). */
export function queryFingerprint(query: unknown): string {
  return createHash("sha256").update(JSON.stringify(query)).digest("base64url").slice(0, 12);
}

export function encodePageToken(fingerprint: string, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([fingerprint, cursor.key, cursor.id])).toString("base64url");
}

/** The cursor in `token` ("" means the first page); throws INVALID_PAGE_TOKEN for anything else. */
export function decodePageToken(token: string, fingerprint: string, keyType: "string" | "number"): Cursor | undefined {
  if (!token) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString());
  } catch {
    throw invalidPageToken();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidPageToken();
  const [fp, key, id] = parsed as unknown[];
  const keyOk = keyType === "number" ? typeof key === "number" && Number.isFinite(key) : typeof key === "string" && key.length <= 64;
  if (fp !== fingerprint || !keyOk || typeof id !== "string" || !uuid.test(id)) throw invalidPageToken();
  return { key: key as CursorKey, id };
}
