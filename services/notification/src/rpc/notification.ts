// NotificationService (the signed-in shopper's inbox and preferences) and AdminNotificationService
// (the SMS sandbox's record): the kit's interceptors have checked access and input.
import type { ServiceImpl } from "@connectrpc/connect";
import type { notificationv1 } from "@shop/contracts";
import { listSms } from "../repo/sandbox-sms.ts";
import type { Deps } from "../usecases/deps.ts";
import { listInbox, readAll, readOne, unreadCount } from "../usecases/inbox.ts";
import { getPreferences, updatePreferences } from "../usecases/preferences.ts";
import { callerOf, fromPreferences, toNotification, toPreferences, toSms } from "./mapping.ts";

export function notificationService(d: Deps): ServiceImpl<typeof notificationv1.NotificationService> {
  return {
    async listNotifications(req, ctx) {
      const page = await listInbox(d, callerOf(ctx), { unreadOnly: req.unreadOnly, pageSize: req.pageSize, pageToken: req.pageToken });
      return { notifications: page.notifications.map(toNotification), nextPageToken: page.nextPageToken };
    },
    async getUnreadCount(_req, ctx) {
      return { unread: await unreadCount(d, callerOf(ctx)) };
    },
    async markNotificationRead(req, ctx) {
      return toNotification(await readOne(d, callerOf(ctx), req.notificationId));
    },
    async markAllNotificationsRead(_req, ctx) {
      return { marked: await readAll(d, callerOf(ctx)) };
    },
    async getNotificationPreferences(_req, ctx) {
      return toPreferences(await getPreferences(d, callerOf(ctx)));
    },
    async updateNotificationPreferences(req, ctx) {
      return toPreferences(await updatePreferences(d, fromPreferences(callerOf(ctx), req)));
    },
  };
}

export function adminNotificationService(d: Deps): ServiceImpl<typeof notificationv1.AdminNotificationService> {
  return {
    async listSandboxSms(req) {
      return { messages: (await listSms(d.db, { phone: req.phone, limit: req.pageSize || 50 })).map(toSms) };
    },
  };
}
