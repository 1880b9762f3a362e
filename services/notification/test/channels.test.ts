// The channels: email through a real SMTP server (started here) to the address the user service
// knows, SMS through the sandbox provider's record; a server that is down leaves the inbox filled
// and the delivery retried until it is up again.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { events, orderv1 } from "@shop/contracts";
import { freePort } from "@shop/launcher/ports";
import { v7 } from "uuid";
import { startNotification, waitFor, type NotificationTest } from "./helpers.ts";
import { startSmtp, type TestSmtp } from "./smtp.ts";

let t: NotificationTest;
let smtpPort: number;
let smtp: TestSmtp | undefined;

before(async () => {
  smtpPort = await freePort();
  t = await startNotification({ SHOP_NOTIFICATION_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SHOP_NOTIFICATION_MAIL_FROM: "Shop <shop@example.com>" });
});

after(async () => {
  await t?.close();
  await smtp?.close();
});

const paid = (userId: string, number: string) =>
  create(orderv1.OrderStatusChangedSchema, { orderId: v7(), number, userId, to: orderv1.OrderStatus.PAID, actor: "system:payment" });

const deliveriesOf = (userId: string) =>
  t.sql<{ channel: string; status: string; attempts: number; last_error: string }>(
    "select d.channel, d.status, d.attempts, d.last_error from deliveries d join notifications n on n.id = d.notification_id where n.user_id = $1 order by d.channel",
    [userId],
  );

void test("SMTP down: the inbox is filled at once and the email is retried until the server answers", async () => {
  const shopper = await t.newShopper();
  const opts = await t.as(shopper.id);
  await t.inbox.updateNotificationPreferences({ language: "en", emailEnabled: true }, opts);
  await t.publish(events.orderStatusChanged, paid(shopper.id, "20261125-1"));

  await waitFor("the message is in the inbox", async () => (await t.inbox.getUnreadCount({}, opts)).unread === 1);
  const failing = await waitFor("two failed attempts", async () => {
    const [d] = await deliveriesOf(shopper.id);
    return d && d.attempts >= 2 ? d : undefined;
  });
  assert.equal(failing.status, "pending", "still to be retried");
  assert.match(failing.last_error, /ECONNREFUSED|connect/i);

  smtp = await startSmtp(smtpPort);
  const mail = await waitFor("the mail arrives", () => smtp!.mails.find((m) => m.to.includes(shopper.email)));
  assert.deepEqual(mail.to, [shopper.email]);
  assert.equal(mail.from, "shop@example.com");
  assert.match(mail.raw, /^Subject: Payment received$/m);
  assert.match(mail.raw, /We received the payment for order 20261125-1/);
  const [sent] = await waitFor("the delivery is recorded sent", async () => {
    const rows = await deliveriesOf(shopper.id);
    return rows[0]?.status === "sent" ? rows : undefined;
  });
  // The second attempt may have been under way (claimed) when the server came up.
  assert.ok(sent!.attempts >= 2, `attempts: ${sent!.attempts}`);
});

void test("email in the shopper's language and SMS through the sandbox to the preferred number", async () => {
  smtp ??= await startSmtp(smtpPort);
  const shopper = await t.newShopper();
  const opts = await t.as(shopper.id);
  const phone = `+8613${String(Date.now()).slice(-9)}`;
  await t.inbox.updateNotificationPreferences({ language: "zh", emailEnabled: true, smsEnabled: true, phone }, opts);
  await t.publish(events.orderStatusChanged, paid(shopper.id, "20261125-2"));

  const mail = await waitFor("the mail arrives", () => smtp!.mails.find((m) => m.to.includes(shopper.email)));
  assert.match(mail.raw, /^Subject: =\?UTF-8\?/m, "a Chinese subject is encoded");
  const sms = await waitFor("the sandbox records the SMS", async () => (await t.admin.listSandboxSms({ phone }, t.asAdmin)).messages[0]);
  assert.equal(sms.phone, phone);
  assert.equal(sms.body, "支付成功: 订单 20261125-2 已支付成功，我们正在为您备货。");
  const rows = await waitFor("both deliveries sent", async () => {
    const r = await deliveriesOf(shopper.id);
    return r.length === 2 && r.every((d) => d.status === "sent") ? r : undefined;
  });
  assert.deepEqual(
    rows.map((d) => d.channel),
    ["email", "sms"],
  );

  // Switched off: the inbox only.
  await t.inbox.updateNotificationPreferences({ language: "en", phone }, opts);
  const id = await t.publish(events.orderStatusChanged, paid(shopper.id, "20261125-3"));
  await waitFor("handled", async () => (await t.sql("select 1 from kit_inbox where message_id = $1", [id])).length === 1);
  assert.equal((await deliveriesOf(shopper.id)).length, 2, "no delivery for channels switched off");
  assert.equal((await t.inbox.getUnreadCount({}, opts)).unread, 2);
});

void test("an email that can never go (no such user at the user service) is given up after the last attempt; the inbox keeps the message", async () => {
  smtp ??= await startSmtp(smtpPort);
  const ghost = v7();
  const opts = await t.as(ghost);
  await t.inbox.updateNotificationPreferences({ language: "en", emailEnabled: true }, opts);
  await t.publish(events.orderStatusChanged, paid(ghost, "20261125-4"));
  const [given] = await waitFor("the delivery is given up", async () => {
    const rows = await deliveriesOf(ghost);
    return rows[0]?.status === "failed" ? rows : undefined;
  });
  assert.equal(given!.attempts, 8, "the default SHOP_NOTIFICATION_MAX_ATTEMPTS");
  assert.match(given!.last_error, /not found|no such user/i);
  assert.equal((await t.inbox.getUnreadCount({}, opts)).unread, 1);
});
