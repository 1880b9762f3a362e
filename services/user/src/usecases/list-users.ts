// ListUsers: keyset pages by id with an opaque token (base64url of the last id), optionally
// filtered by a case-insensitive prefix of username or email.
import { decodeIdToken, encodeIdToken } from "@shop/kit/page-token";
import { invalidPageToken } from "../domain/errors.ts";
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
const likePrefix = (query: string) => query.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(d: Deps, input: ListUsersInput): Promise<{ users: UserRow[]; nextPageToken: string }> {
  const limit = Math.min(input.pageSize || defaultPageSize, maxPageSize);
  const rows = await listRows(d.db, { afterId: decodeIdToken(input.pageToken, invalidPageToken), prefix: likePrefix(input.query), limit: limit + 1 });
  const users = rows.slice(0, limit);
  const last = users[users.length - 1];
  return { users, nextPageToken: rows.length > limit && last ? encodeIdToken(last.id) : "" };
}
