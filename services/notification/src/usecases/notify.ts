// Writes one message to a shopper's inbox, in the consumer's transaction: nothing when the shopper
// opted out of its type; otherwise the message in their language and a pending delivery per
// channel they switched on (sent later by the delivery worker, so a slow channel never holds the
// inbox back).
import { v7 } from "uuid";
import type { Tx } from "@shop/kit/db";
import { render, type Facts, type NotificationType } from "../domain/messages.ts";
import { insertDelivery } from "../repo/deliveries.ts";
import { insertNotification } from "../repo/notifications.ts";
import { findPreferences } from "../repo/preferences.ts";
import type { Deps } from "./deps.ts";

export interface Notice {
  userId: string;
  type: NotificationType;
  /** The order, coupon or sale it is about. */
  subjectId: string;
  facts: Facts;
}

/** The new message's id, or undefined when the shopper opted out of its type. */
export async function notify(d: Deps, tx: Tx, notice: Notice): Promise<string | undefined> {
  const prefs = await findPreferences(tx, notice.userId);
  if (prefs.optedOut.includes(notice.type)) return undefined;
  const id = v7();
  const text = render(notice.type, prefs.language, notice.facts);
  await insertNotification(tx, { id, userId: notice.userId, type: notice.type, subjectId: notice.subjectId, ...text });
  if (prefs.emailEnabled && d.channels.email) await insertDelivery(tx, { id: v7(), notificationId: id, channel: "email", recipient: "" });
  if (prefs.smsEnabled && prefs.phone && d.channels.sms) await insertDelivery(tx, { id: v7(), notificationId: id, channel: "sms", recipient: prefs.phone });
  return id;
}
