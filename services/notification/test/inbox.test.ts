// The inbox filled from the other services' events published on the real bus: which events become
// messages, once per message id, in the shopper's language, nothing for an opted-out type; paging,
// unread count and marking read; what a stranger or bad input gets.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { couponv1, events, logisticsv1, notificationv1, orderv1, paymentv1, seckillv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { rejectsWith, startNotification, waitFor, type NotificationTest } from "./helpers.ts";

let t: NotificationTest;
const T = notificationv1.NotificationType;

before(async () => {
  t = await startNotification();
});

after(async () => {
  await t?.close();
});

const statusChanged = (userId: string, orderId: string, to: orderv1.OrderStatus, actor = "system:payment", number = "20261125-7") =>
  create(orderv1.OrderStatusChangedSchema, { orderId, number, userId, from: orderv1.OrderStatus.AWAITING_PAYMENT, to, actor });

async function inboxOf(userId: string, count: number) {
  const opts = await t.as(userId);
  return waitFor(`${count} messages for ${userId}`, async () => {
    const res = await t.inbox.listNotifications({}, opts);
    return res.notifications.length >= count ? res.notifications : undefined;
  });
}

void test("order, refund, delivery, coupon and flash sale events become messages, newest first, each once", async () => {
  const { id: userId } = await t.newShopper();
  const orderId = v7();
  const paid = await t.publish(events.orderStatusChanged, statusChanged(userId, orderId, orderv1.OrderStatus.PAID));
  await inboxOf(userId, 1);
  await t.publish(events.orderStatusChanged, statusChanged(userId, orderId, orderv1.OrderStatus.PAID), paid); // redelivered
  await t.publish(events.orderStatusChanged, statusChanged(userId, orderId, orderv1.OrderStatus.SHIPPED, "admin"));
  await t.publish(
    events.shipmentDelivered,
    create(logisticsv1.ShipmentDeliveredSchema, { orderId, userId, shipmentId: v7(), carrier: "DHL", trackingNumber: "JD01" }),
  );
  await t.publish(
    events.paymentRefunded,
    create(paymentv1.PaymentRefundedSchema, { orderId, paymentId: v7(), refundId: v7(), amountMinor: 2550n, currency: "EUR" }),
  );
  const validUntil = timestampFromDate(new Date("2026-12-01T10:00:00Z"));
  await t.publish(events.couponExpiring, create(couponv1.CouponExpiringSchema, { userCouponId: v7(), userId, templateId: v7(), name: "Five off", validUntil }));
  const saleId = v7();
  const startsAt = timestampFromDate(new Date("2026-12-02T08:30:00Z"));
  await t.publish(events.flashSaleStarting, create(seckillv1.FlashSaleStartingSchema, { saleId, userId, skuId: v7(), title: "Blue teapot", startsAt }));
  // Not told: a cancellation by the shopper, a status nobody is told about.
  await t.publish(events.orderStatusChanged, statusChanged(userId, v7(), orderv1.OrderStatus.CANCELLED, userId));
  await t.publish(events.orderStatusChanged, statusChanged(userId, v7(), orderv1.OrderStatus.COMPLETED, userId));
  const late = await t.publish(events.orderStatusChanged, statusChanged(userId, v7(), orderv1.OrderStatus.CANCELLED, "system:payment-timeout", "20261125-9"));
  await waitFor("the last event is handled", async () => (await t.sql("select 1 from kit_inbox where message_id = $1", [late])).length === 1);

  const all = await inboxOf(userId, 7);
  // Topics are consumed concurrently: the order of arrival is not the order of publishing.
  assert.deepEqual(all.map((n) => n.type).sort(), [
    T.ORDER_PAID,
    T.ORDER_SHIPPED,
    T.ORDER_DELIVERED,
    T.ORDER_REFUNDED,
    T.ORDER_PAYMENT_TIMEOUT,
    T.COUPON_EXPIRING,
    T.FLASH_SALE_STARTING,
  ]);
  assert.deepEqual(
    all.map((n) => n.id),
    all
      .map((n) => n.id)
      .sort()
      .reverse(),
    "newest first",
  );
  const of = (type: notificationv1.NotificationType) => all.find((n) => n.type === type)!;
  const [timeout, sale, coupon, refund, delivered, paidMsg] = [
    of(T.ORDER_PAYMENT_TIMEOUT),
    of(T.FLASH_SALE_STARTING),
    of(T.COUPON_EXPIRING),
    of(T.ORDER_REFUNDED),
    of(T.ORDER_DELIVERED),
    of(T.ORDER_PAID),
  ];
  assert.equal(paidMsg.title, "Payment received");
  assert.match(paidMsg.body, /order 20261125-7/);
  assert.equal(paidMsg.subjectId, orderId);
  assert.match(refund.body, /25\.50 EUR was refunded for order 20261125-7/);
  assert.match(delivered.body, /Order 20261125-7 was delivered \(DHL JD01\)/);
  assert.match(coupon.body, /"Five off" expires at 2026-12-01 10:00 UTC/);
  assert.equal(sale.subjectId, saleId);
  assert.match(sale.body, /"Blue teapot" you follow starts at 2026-12-02 08:30 UTC/);
  assert.match(timeout.body, /20261125-9 was cancelled because it was not paid in time/);
  assert.ok(all.every((n) => !n.read));

  const opts = await t.as(userId);
  assert.equal((await t.inbox.getUnreadCount({}, opts)).unread, 7);
  const first = await t.inbox.listNotifications({ pageSize: 4 }, opts);
  const second = await t.inbox.listNotifications({ pageSize: 4, pageToken: first.nextPageToken }, opts);
  assert.deepEqual(
    [...first.notifications, ...second.notifications].map((n) => n.id),
    all.map((n) => n.id),
  );
  assert.equal(second.nextPageToken, "");

  const read = await t.inbox.markNotificationRead({ notificationId: paidMsg.id }, opts);
  assert.equal(read.read, true);
  assert.ok(read.readAt);
  const again = await t.inbox.markNotificationRead({ notificationId: paidMsg.id }, opts);
  assert.deepEqual(again.readAt, read.readAt, "marking again keeps the first read time");
  assert.equal((await t.inbox.getUnreadCount({}, opts)).unread, 6);
  assert.equal((await t.inbox.listNotifications({ unreadOnly: true }, opts)).notifications.length, 6);
  assert.equal((await t.inbox.markAllNotificationsRead({}, opts)).marked, 6);
  assert.equal((await t.inbox.getUnreadCount({}, opts)).unread, 0);
  assert.equal((await t.inbox.markAllNotificationsRead({}, opts)).marked, 0);

  // Another shopper neither sees nor marks them.
  const stranger = await t.as(v7());
  assert.equal((await t.inbox.listNotifications({}, stranger)).notifications.length, 0);
  await rejectsWith(t.inbox.markNotificationRead({ notificationId: timeout.id }, stranger), Code.NotFound, "NOTIFICATION_NOT_FOUND");
});

void test("messages are written in the shopper's language, and nothing of an opted-out type", async () => {
  const { id: userId } = await t.newShopper();
  const opts = await t.as(userId);
  const defaults = await t.inbox.getNotificationPreferences({}, opts);
  assert.equal(defaults.language, "en");
  assert.deepEqual(defaults.optedOut, []);
  const prefs = await t.inbox.updateNotificationPreferences({ language: "zh", optedOut: [T.ORDER_SHIPPED], emailEnabled: false, smsEnabled: false }, opts);
  assert.equal(prefs.language, "zh");
  assert.deepEqual(prefs.optedOut, [T.ORDER_SHIPPED]);

  const orderId = v7();
  await t.publish(events.orderStatusChanged, statusChanged(userId, orderId, orderv1.OrderStatus.PAID));
  const shipped = await t.publish(events.orderStatusChanged, statusChanged(userId, orderId, orderv1.OrderStatus.SHIPPED, "admin"));
  await waitFor("the shipment is handled", async () => (await t.sql("select 1 from kit_inbox where message_id = $1", [shipped])).length === 1);
  const [only, ...rest] = await inboxOf(userId, 1);
  assert.equal(rest.length, 0, "nothing for the opted-out type");
  assert.equal(only!.title, "支付成功");
  assert.match(only!.body, /订单 20261125-7 已支付成功/);
  assert.equal((await t.sql("select 1 from notifications where user_id = $1 and type = 'ORDER_SHIPPED'", [userId])).length, 0);
});

void test("bad input is refused and changes nothing", async () => {
  const { id: userId } = await t.newShopper();
  const opts = await t.as(userId);
  await rejectsWith(t.inbox.markNotificationRead({ notificationId: "not-a-uuid" }, opts), Code.InvalidArgument);
  await rejectsWith(t.inbox.updateNotificationPreferences({ language: "fr" }, opts), Code.InvalidArgument);
  await rejectsWith(t.inbox.updateNotificationPreferences({ language: "en", optedOut: [99 as notificationv1.NotificationType] }, opts), Code.InvalidArgument);
  await rejectsWith(t.inbox.updateNotificationPreferences({ language: "en", phone: "call me" }, opts), Code.InvalidArgument);
  await rejectsWith(t.inbox.updateNotificationPreferences({ language: "en", smsEnabled: true }, opts), Code.InvalidArgument, "PHONE_REQUIRED");
  await rejectsWith(t.inbox.listNotifications({ pageToken: "garbage" }, opts), Code.InvalidArgument);
  await rejectsWith(t.inbox.listNotifications({}), Code.Unauthenticated);
  await rejectsWith(t.admin.listSandboxSms({}, opts), Code.PermissionDenied);
  assert.equal((await t.sql("select 1 from preferences where user_id = $1", [userId])).length, 0);
});
