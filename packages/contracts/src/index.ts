// The generated contracts, re-exported by package so callers import from one place.
export * as options from "./options.ts";
export * as userv1 from "./user.ts";
export * as productv1 from "./product.ts";
export * as inventoryv1 from "./inventory.ts";
export * as cartv1 from "./cart.ts";
export * as orderv1 from "./order.ts";
export * as paymentv1 from "./payment.ts";
export * as couponv1 from "./coupon.ts";
export * as seckillv1 from "./seckill.ts";
export * as logisticsv1 from "./logistics.ts";
export * as reviewv1 from "./review.ts";
export * as notificationv1 from "./notification.ts";
export * as filev1 from "./gen/shop/file/v1/file_pb.js";
export * as errorsv1 from "./gen/shop/errors/v1/errors_pb.js";
export { http as httpRule } from "./gen/google/api/annotations_pb.js";
export type { HttpRule } from "./gen/google/api/http_pb.js";
export { services } from "./services.ts";
export { events, type EventType } from "./events.ts";
