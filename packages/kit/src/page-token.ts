// The one page-token scheme of every list: an opaque keyset cursor holding the sort key and id of
// the last row of a page, bound to the query it came from (a fingerprint of its filters and sort),
// so a token is never applied to another query. Tokens are validated, not signed: a forged cursor
// only starts a page elsewhere in an order the caller may read page by page anyway.
import { createHash } from "node:crypto";
import { AppError } from "./errors.ts";

export type CursorKey = string | number;

/**
 * What a list's cursor key must be, checked before it reaches SQL (where a forged value would fail
 * a cast): "string" (at most 64 characters), "number" (finite), "integer" (a safe integer, as a
 * bigint column holds it) or "timestamp" (ISO 8601 or PostgreSQL's text form, with its offset).
 */
export type CursorKeyType = "string" | "number" | "integer" | "timestamp";

export interface Cursor {
  /** The last row's sort key ("" when the order is by id alone). */
  key: CursorKey;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// 2026-01-02T03:04:05.678Z or 2026-01-02 03:04:05.678901+00 (timestamptz::text); the fields are checked below.
const timestampForm = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/;

function isTimestamp(text: string): boolean {
  const m = timestampForm.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [offsetHours, offsetMinutes] = [Number(m[7] ?? 0), Number(m[8] ?? 0)];
  const date = new Date(Date.UTC(year, month - 1, day));
  // A day that does not exist (02-30) rolls over in Date.UTC; year 0 and years below 100 come back as 19xx.
  const realDay = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return realDay && hour < 24 && minute < 60 && second < 60 && offsetHours < 16 && offsetMinutes < 60;
}

const keyChecks: Record<CursorKeyType, (key: unknown) => boolean> = {
  string: (key) => typeof key === "string" && key.length <= 64,
  number: (key) => typeof key === "number" && Number.isFinite(key),
  integer: (key) => typeof key === "number" && Number.isSafeInteger(key),
  timestamp: (key) => typeof key === "string" && key.length <= 40 && isTimestamp(key),
};

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
export function decodePageToken(token: string, fingerprint: string, keyType: CursorKeyType): Cursor | undefined {
  if (!token) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString());
  } catch {
    throw invalidPageToken();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalidPageToken();
  const [fp, key, id] = parsed as unknown[];
  if (fp !== fingerprint || !keyChecks[keyType](key) || typeof id !== "string" || !uuid.test(id)) throw invalidPageToken();
  return { key: key as CursorKey, id };
}
