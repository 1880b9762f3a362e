// ListUsers: keyset pages by id with an opaque token (base64url of the last id), optionally
// filtered by a case-insensitive prefix of username or email.
import { invalidPageToken } from "../domain/errors.ts";
import { listUsers as listRows, type UserRow } from "../repo/users.ts";
import type { Deps } from "./deps.ts";

const defaultPageSize = 20;
const maxPageSize = 100;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ListUsersInput {
  pageSize: number;
  pageToken: string;
  query: string;
}

const encodeToken = (id: string) => Buffer.from(id).toString("base64url");

function decodeToken(token: string): string | undefined {
  if (!token) return undefined;
  const id = Buffer.from(token, "base64url").toString();
  if (!uuidPattern.test(id)) throw invalidPageToken();
  return id;
}

/** Lowercased, with LIKE's wildcards and escape character taken literally. */
const likePrefix = (query: string) => query.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(d: Deps, input: ListUsersInput): Promise<{ users: UserRow[]; nextPageToken: string }> {
  const limit = Math.min(input.pageSize || defaultPageSize, maxPageSize);
  const rows = await listRows(d.db, { afterId: decodeToken(input.pageToken), prefix: likePrefix(input.query), limit: limit + 1 });
  const users = rows.slice(0, limit);
  const last = users[users.length - 1];
  return { users, nextPageToken: rows.length > limit && last ? encodeToken(last.id) : "" };
}
