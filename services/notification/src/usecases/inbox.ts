// The shopper's inbox: a page newest first, the unread count, marking read.
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import { notificationNotFound } from "../domain/errors.ts";
import { countUnread, listNotifications, markAllRead, markRead, type NotificationRow } from "../repo/notifications.ts";
import type { Deps } from "./deps.ts";

const defaultPageSize = 20;
const maxPageSize = 100;

export async function listInbox(
  d: Deps,
  userId: string,
  input: { unreadOnly: boolean; pageSize: number; pageToken: string },
): Promise<{ notifications: NotificationRow[]; nextPageToken: string }> {
  const limit = Math.min(input.pageSize || defaultPageSize, maxPageSize);
  const fingerprint = queryFingerprint({ unreadOnly: input.unreadOnly });
  const after = decodePageToken(input.pageToken, fingerprint, "string");
  const rows = await listNotifications(d.db, userId, { unreadOnly: input.unreadOnly, beforeId: after?.id, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { notifications: page, nextPageToken: rows.length > limit && last ? encodePageToken(fingerprint, { key: "", id: last.id }) : "" };
}

export const unreadCount = (d: Deps, userId: string) => countUnread(d.db, userId);

export async function readOne(d: Deps, userId: string, id: string): Promise<NotificationRow> {
  const row = await markRead(d.db, userId, id);
  if (!row) throw notificationNotFound(id);
  return row;
}

export const readAll = (d: Deps, userId: string) => markAllRead(d.db, userId);
