// The notification service's contracts (the inbox, preferences and the SMS sandbox).
export * from "./gen/shop/notification/v1/notification_pb.js";
