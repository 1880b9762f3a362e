// Rows <-> proto messages, and the signed-in caller the kit's interceptors put in the context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { notificationv1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import type { Language, NotificationType } from "../domain/messages.ts";
import type { NotificationRow } from "../repo/notifications.ts";
import type { Preferences } from "../repo/preferences.ts";
import type { SandboxSmsRow } from "../repo/sandbox-sms.ts";

/** The signed-in caller's user id; only called from RPCs declared ACCESS_USER or ACCESS_ADMIN. */
export function callerOf(ctx: HandlerContext): string {
  const principal = ctx.values.get(principalKey);
  if (!principal) throw new Error("no principal on a method that requires one: access option missing?");
  return principal.userId;
}

const toType = (t: NotificationType) => notificationv1.NotificationType[t];
/** The validator admits only defined, non-zero values, so the name is one of ours. */
const fromType = (t: notificationv1.NotificationType) => notificationv1.NotificationType[t] as NotificationType;

export function toNotification(n: NotificationRow): MessageInitShape<typeof notificationv1.NotificationSchema> {
  return {
    id: n.id,
    type: toType(n.type),
    title: n.title,
    body: n.body,
    subjectId: n.subjectId,
    read: n.readAt !== null,
    createdAt: timestampFromDate(n.createdAt),
    readAt: n.readAt ? timestampFromDate(n.readAt) : undefined,
  };
}

export function toPreferences(p: Preferences): MessageInitShape<typeof notificationv1.NotificationPreferencesSchema> {
  return { language: p.language, optedOut: p.optedOut.map(toType), emailEnabled: p.emailEnabled, smsEnabled: p.smsEnabled, phone: p.phone };
}

export function fromPreferences(userId: string, r: notificationv1.UpdateNotificationPreferencesRequest): Preferences {
  return {
    userId,
    language: r.language as Language,
    optedOut: r.optedOut.map(fromType),
    emailEnabled: r.emailEnabled,
    smsEnabled: r.smsEnabled,
    phone: r.phone,
  };
}

export function toSms(s: SandboxSmsRow): MessageInitShape<typeof notificationv1.SandboxSmsSchema> {
  return { id: s.id, phone: s.phone, body: s.body, sentAt: timestampFromDate(s.sentAt) };
}
