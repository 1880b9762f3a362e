// The notification service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const notificationNotFound = (notificationId: string) =>
  new AppError("not_found", "NOTIFICATION_NOT_FOUND", "no such notification of this user", { metadata: { notificationId } });
export const phoneRequired = () =>
  new AppError("invalid_argument", "PHONE_REQUIRED", "SMS needs a phone number", {
    violations: [{ field: "phone", message: "required when sms_enabled is set" }],
  });
