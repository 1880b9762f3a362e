// ListUsers: keyset pages by id with the kit's opaque page token, optionally filtered by a
// case-insensitive prefix of username or email.
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import { listUsers as listRows, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";

const defaultPageSize = 20;
const maxPageSize = 100;

export interface ListUsersInput {
  pageSize: number;
  pageToken: string;
  query: string;
}

/** Lowercased, with LIKE's wildcards and escape character taken literally. */
const likePrefix = (query: string) =>
  query
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(d: Deps, input: ListUsersInput): Promise<{ users: UserRow[]; nextPageToken: string }> {
  const limit = Math.min(input.pageSize || defaultPageSize, maxPageSize);
  const prefix = likePrefix(input.query);
  const fingerprint = queryFingerprint({ prefix });
  const after = decodePageToken(input.pageToken, fingerprint, "string");
  const rows = await listRows(d.db, { afterId: after?.id, prefix, limit: limit + 1 });
  const users = rows.slice(0, limit);
  const last = users.at(-1);
  return { users, nextPageToken: rows.length > limit && last ? encodePageToken(fingerprint, { key: "", id: last.id }) : "" };
}
