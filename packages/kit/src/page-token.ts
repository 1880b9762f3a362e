// The one page-token scheme of every list: an opaque keyset cursor holding the sort key and id of
// the last row of a page, bound to the query it came from (a fingerprint of its filters and sort),
// so a token is never applied to another query. Tokens are validated, not signed: a forged cursor
// only starts a page elsewhere in an order the caller may read page by page anyway.
import { createHash } from "node:crypto";
import { AppError } from "./errors.ts";

export type CursorKey = string | number;

export interface Cursor {
  /** The last row's sort key ("" when the order is by id alone). */
  key: CursorKey;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const invalidPageToken = () =>
  new AppError("invalid_argument", "INVALID_PAGE_TOKEN", "page_token is not one this service issued for this query", {
    violations: [{ field: "pageToken", message: "not a token from a previous page of the same query" }],
  });

/** A short fingerprint of everything that defines a result order (filters, sort, query text). */
export function queryFingerprint(query: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(query ?? null))
    .digest("base64url")
    .slice(0, 12);
}

export function encodePageToken(fingerprint: string, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([fingerprint, cursor.key, cursor.id])).toString("base64url");
}

/**
 * The cursor in `token` ("" means the first page). Anything else (garbage, another query's token,
 * a key of the wrong type) is the caller's mistake: INVALID_PAGE_TOKEN, a 400.
 */
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
